package dev.aigw.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The walls between aigw's layers, checked on every build (this module sees every published one):
 *
 * <ul>
 *   <li>no main file outside core names {@code dev.aigw.core.internal} (providers build on {@code
 *       dev.aigw.core.spi});
 *   <li>testkit names no {@code internal} package at all;
 *   <li>core's public value packages name no {@code dev.aigw.core.internal} type; in core's root
 *       package only {@code ClientBuilder}, which builds the runtime, does (and core's module
 *       descriptor, which opens the package to Moshi without exporting it);
 *   <li>no public or protected member of a public type in an exported package names an internal
 *       type in its signature.
 * </ul>
 *
 * The last two tests feed the same checks a deliberate breach and see them fail.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> PUBLISHED = List.of("core", "testkit", "providers-cheapsub",
      "providers-cloudgpt", "providers-gptimagehub", "providers-icodeeasy", "providers-gptimage2", "opentelemetry",
      "redis", "cli", "spring-boot-autoconfigure", "spring-boot-starter");
  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.aigw\\.([a-z0-9]+)((?:\\.[a-z0-9]+)*)\\.internal\\b");
  private static final Pattern EXPORTED_INTERNAL = Pattern.compile("^\\s*exports\\s+[\\w.]*\\.internal\\b", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  @Test
  void noMainFileReachesIntoAnotherLayersInternals() throws IOException {
    List<String> breaches = new ArrayList<>();
    for (String module : PUBLISHED) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      assertThat(sources).isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          breaches.addAll(breaches(module, sources.relativize(file).toString(), Files.readString(file)));
        }
      }
    }
    assertThat(breaches).as("references across the walls").isEmpty();
  }

  @Test
  void noTwoMainClassesImportEachOther() throws IOException {
    Map<String, Set<String>> imports = new HashMap<>();
    for (String module : PUBLISHED) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file);
          Matcher pkg = PACKAGE.matcher(text);
          if (pkg.find()) {
            String name = file.getFileName().toString().replace(".java", "");
            imports.put(pkg.group(1) + "." + name, importsOf(text));
          }
        }
      }
    }
    assertThat(imports).hasSizeGreaterThan(150);
    assertThat(mutualImports(imports)).as("classes that import each other").isEmpty();
  }

  @Test
  void theImportRuleCatchesTwoClassesThatImportEachOther() {
    Map<String, Set<String>> imports = Map.of(
        "dev.aigw.acme.AcmeGeneration", Set.of("dev.aigw.acme.internal.AcmeWire"),
        "dev.aigw.acme.internal.AcmeWire", Set.of("dev.aigw.acme.AcmeGeneration"),
        "dev.aigw.acme.AcmeImages", Set.of("dev.aigw.acme.internal.AcmeWire"));
    assertThat(mutualImports(imports)).containsExactly(
        "dev.aigw.acme.AcmeGeneration <-> dev.aigw.acme.internal.AcmeWire");
  }

  private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE);

  private static Set<String> importsOf(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = IMPORT.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Each pair of classes that import each other, once, as {@code "a <-> b"} with a before b. */
  static List<String> mutualImports(Map<String, Set<String>> imports) {
    List<String> out = new ArrayList<>();
    imports.forEach((a, targets) -> {
      for (String b : targets) {
        if (a.compareTo(b) < 0 && imports.getOrDefault(b, Set.of()).contains(a)) {
          out.add(a + " <-> " + b);
        }
      }
    });
    out.sort(null);
    return out;
  }

  @Test
  void noPublicSignatureNamesAnInternalType() throws Exception {
    List<String> breaches = new ArrayList<>();
    int checked = 0;
    for (String module : PUBLISHED) {
      Path classes = ROOT.resolve(module).resolve("target/classes");
      assertThat(classes).as("compiled classes of " + module).isDirectory();
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
          if (name.endsWith("module-info") || name.endsWith("package-info") || name.contains(".internal.")) {
            continue;
          }
          Class<?> type = Class.forName(name, false, getClass().getClassLoader());
          if (isVisible(type)) {
            breaches.addAll(signatureBreaches(type));
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("public types checked").isGreaterThan(150);
    assertThat(breaches).as("public signatures naming internal types").isEmpty();
  }

  @Test
  void theSourceRuleCatchesADeliberateInternalImport() {
    String breach = "package dev.aigw.testkit;\n\nimport dev.aigw.core.internal.Transport;\n\nclass X {}\n";
    assertThat(breaches("testkit", "dev/aigw/testkit/X.java", breach))
        .singleElement().asString().contains("testkit", "dev.aigw.core.internal");
    String providerBreach = "package dev.aigw.acme;\n\nclass X { dev.aigw.core.internal.Transport t; }\n";
    assertThat(breaches("providers-acme", "dev/aigw/acme/X.java", providerBreach)).hasSize(1);
    String valueBreach = "package dev.aigw.core.image;\n\nimport dev.aigw.core.internal.Json;\n";
    assertThat(breaches("core", "dev/aigw/core/image/X.java", valueBreach)).hasSize(1);
    String ownInternal = "package dev.aigw.acme;\n\nimport dev.aigw.acme.internal.Wire;\nimport dev.aigw.core.spi.Json;\n";
    assertThat(breaches("providers-acme", "dev/aigw/acme/X.java", ownInternal)).isEmpty();
    String descriptor = "module dev.aigw.acme {\n  opens dev.aigw.acme.internal to com.squareup.moshi;\n}\n";
    assertThat(breaches("providers-acme", "module-info.java", descriptor)).isEmpty();
    String exporting = "module dev.aigw.acme {\n  exports dev.aigw.acme.internal;\n}\n";
    assertThat(breaches("providers-acme", "module-info.java", exporting)).hasSize(1);
  }

  /** A public type whose signature names an internal one, to show the reflection rule fails. */
  public static final class Leaky {
    /** Leaks an internal type. */
    public dev.aigw.core.internal.TransportConfig config() {
      return null;
    }

    /** Leaks one as a type argument. */
    public List<dev.aigw.core.internal.Transport> transports() {
      return List.of();
    }
  }

  @Test
  void theSignatureRuleCatchesADeliberateLeak() {
    assertThat(signatureBreaches(Leaky.class)).hasSize(2)
        .allSatisfy(b -> assertThat(b).contains("dev.aigw.core.internal"));
  }

  /** The references in {@code text} (a source file of {@code module}) that cross a wall. */
  static List<String> breaches(String module, String file, String text) {
    if (file.endsWith("module-info.java")) {
      // a descriptor may open internals to Moshi; it must not export them
      return EXPORTED_INTERNAL.matcher(text).find() ? List.of(module + "/" + file + " exports an internal package")
          : List.of();
    }
    Matcher pkg = PACKAGE.matcher(text);
    String own = pkg.find() ? pkg.group(1) : "";
    List<String> out = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String target = m.group();
      boolean coreInternal = target.equals("dev.aigw.core.internal");
      String why = null;
      if (module.equals("testkit")) {
        why = "testkit uses only exported API";
      } else if (!module.equals("core") && coreInternal) {
        why = "providers build on dev.aigw.core.spi, not core's internals";
      } else if (module.equals("core") && coreInternal && !own.startsWith("dev.aigw.core.internal")
          && !own.equals("dev.aigw.core.spi") && !(own.equals("dev.aigw.core") && file.endsWith("ClientBuilder.java"))
          && !file.equals("module-info.java")) {
        why = "a public core package reaches below itself";
      }
      if (why != null) {
        out.add(module + "/" + file + " names " + target + ": " + why);
      }
    }
    return out;
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers()) && !(c != type && Modifier.isProtected(c.getModifiers()))) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }

  /** The members of {@code type} visible to users whose signature names an internal type. */
  static List<String> signatureBreaches(Class<?> type) {
    List<String> out = new ArrayList<>();
    check(out, type.getName() + " extends", type.getGenericSuperclass());
    for (Type i : type.getGenericInterfaces()) {
      check(out, type.getName() + " implements", i);
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        check(out, type.getName() + "." + f.getName(), f.getGenericType());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers()) && !c.isSynthetic()) {
        for (Type p : c.getGenericParameterTypes()) {
          check(out, type.getName() + "(…)", p);
        }
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        String where = type.getName() + "." + m.getName() + "(…)";
        check(out, where, m.getGenericReturnType());
        for (Type p : m.getGenericParameterTypes()) {
          check(out, where, p);
        }
        for (Type e : m.getGenericExceptionTypes()) {
          check(out, where, e);
        }
      }
    }
    return out;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> out, String where, Type t) {
    if (t == null) {
      return;
    }
    if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (c.getPackageName().contains(".internal") && c.getName().startsWith("dev.aigw.")) {
        out.add(where + " names " + c.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      check(out, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) {
        check(out, where, a);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(out, where, b);
      }
      for (Type b : w.getLowerBounds()) {
        check(out, where, b);
      }
    } else if (t instanceof GenericArrayType a) {
      check(out, where, a.getGenericComponentType());
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        // a bound naming the variable again (T extends Comparable<T>) is checked by its raw type
        check(out, where, b instanceof ParameterizedType p ? p.getRawType() : b);
      }
    }
  }
}

package dev.aigw.cli;

import dev.aigw.cloudgpt.ApiKeyInfo;
import dev.aigw.cloudgpt.CloudGptClient;
import dev.aigw.cloudgpt.CreatedApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code aigw keys list|create|delete}: CloudGPT's API keys (the only gateway with key management). */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = {"Manage CloudGPT API keys: CLOUDGPT_API_KEY and CLOUDGPT_BASE_URL, and CLOUDGPT_KEYS_TOKEN where "
        + "the deployment wants its dashboard session token for key management. No other gateway has keys to manage."},
    subcommands = {KeysCommand.ListKeys.class, KeysCommand.CreateKey.class, KeysCommand.DeleteKey.class})
final class KeysCommand implements Runnable {

  @ParentCommand
  AigwCommand top;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, create or delete");
  }

  /**
   * CloudGPT's client with the key management: live from {@code CLOUDGPT_API_KEY}, {@code
   * CLOUDGPT_BASE_URL} and, where the deployment wants its dashboard session for keys, {@code
   * CLOUDGPT_KEYS_TOKEN}; or the fake.
   */
  Connection connect() {
    if (top.fake) {
      return top.connect(List.of("cloudgpt"));
    }
    Connection.requireKey("cloudgpt", top.env);
    CloudGptClient.Builder builder = CloudGptClient.builder().environment(top.env);
    if (top.timeout != null) {
      builder.callTimeout(top.timeout);
    }
    return Connection.of(builder.build());
  }

  static CloudGptClient cloudGpt(Connection connection) {
    return (CloudGptClient) connection.client();
  }

  /** {@code aigw keys list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's keys (ids and prefixes only).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Override
    public Integer call() {
      AigwCommand top = keys.top;
      try (Connection connection = keys.connect()) {
        List<ApiKeyInfo> all = cloudGpt(connection).keys().list();
        for (ApiKeyInfo key : all) {
          if (top.json) {
            top.out.println(new JsonLine().put("id", key.id()).put("name", key.name()).put("prefix", key.prefix())
                .put("created", key.created()).put("lastUsed", key.lastUsed()));
          } else {
            top.out.printf("%-20s %-24s %-12s created %s%n", key.id(), key.name() == null ? "" : key.name(),
                key.prefix() == null ? "" : key.prefix(), key.created() == null ? "?" : key.created());
          }
        }
        if (!top.json) {
          top.err.println(all.size() + " key(s)");
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code aigw keys create <name> --key-file <file>}: the new key goes to a file, never to the screen. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a key. CloudGPT shows a new key once: aigw writes it to --key-file (readable by you "
          + "only) and prints only its masked form, so that it stays out of terminals and logs."})
  static final class CreateKey implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Parameters(paramLabel = "<name>", description = "A name for the key.")
    String name;

    @Option(names = "--key-file", required = true, paramLabel = "<file>",
        description = "A new file to write the key to (it must not exist yet).")
    Path keyFile;

    @Override
    public Integer call() {
      AigwCommand top = keys.top;
      try (Connection connection = keys.connect()) {
        if (Files.exists(keyFile)) {
          throw new CliException(ExitCodes.USAGE, keyFile + " exists already: give a new file for the key");
        }
        CreatedApiKey created = cloudGpt(connection).keys().create(name);
        write(keyFile, created.key().reveal());
        if (top.json) {
          top.out.println(new JsonLine().put("id", created.id()).put("name", created.name())
              .put("key", created.key().masked()).put("keyFile", keyFile.toString()));
        } else {
          top.out.println("created key " + created.id() + " (" + created.name() + "): " + created.key().masked()
              + ", written to " + keyFile + " (CloudGPT shows it only this once)");
        }
      }
      return ExitCodes.OK;
    }

    private static void write(Path file, String key) {
      try {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file);
        }
        Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        throw new CliException(ExitCodes.USAGE, file + " exists already: give a new file for the key");
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the key to " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code aigw keys delete <id>}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key by its id.")
  static final class DeleteKey implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Parameters(paramLabel = "<id>", description = "The key's id, as keys list shows it.")
    String id;

    @Override
    public Integer call() {
      AigwCommand top = keys.top;
      try (Connection connection = keys.connect()) {
        boolean deleted = cloudGpt(connection).keys().delete(id);
        if (top.json) {
          top.out.println(new JsonLine().put("id", id).put("deleted", deleted));
        } else {
          top.out.println(deleted ? "deleted key " + id : "no key " + id + " (nothing deleted)");
        }
        return deleted ? ExitCodes.OK : ExitCodes.API;
      }
    }
  }
}

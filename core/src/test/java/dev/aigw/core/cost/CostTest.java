package dev.aigw.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostTest {

  @Test
  void keepsTheAmountExactlyAsWrittenWithItsUnit() {
    Cost cost = Cost.of("0.500000", CostUnit.KRW);
    assertThat(cost.amount().toPlainString()).isEqualTo("0.500000");
    assertThat(cost.unit()).isEqualTo(CostUnit.KRW);
    assertThat(cost).hasToString("0.500000 KRW");
    assertThat(Cost.of("8", CostUnit.CREDITS)).hasToString("8 credits");
  }

  @Test
  void addsAndMultipliesExactly() {
    Cost tenCents = Cost.of("0.10", CostUnit.CNY);
    assertThat(tenCents.plus(Cost.of("0.2", CostUnit.CNY))).isEqualTo(Cost.of("0.30", CostUnit.CNY));
    assertThat(tenCents.times(3)).isEqualTo(Cost.of("0.30", CostUnit.CNY));
    double binary = 0.1 + 0.2;
    assertThat(binary).as("what a double would say").isNotEqualTo(0.3);
  }

  @Test
  void refusesToMixUnitsOrGoNegative() {
    assertThatThrownBy(() -> Cost.of("1", CostUnit.CNY).plus(Cost.of("1", CostUnit.KRW)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 CNY").hasMessageContaining("1 KRW");
    assertThatThrownBy(() -> Cost.of("1", CostUnit.CNY).compareTo(Cost.of("1", CostUnit.CREDITS)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cost.of("-1", CostUnit.CNY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> CostUnit.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void comparesByAmountWhateverTheScale() {
    assertThat(Cost.of("0.2", CostUnit.CNY).compareTo(Cost.of("0.20", CostUnit.CNY))).isZero();
    assertThat(Cost.of("0.2", CostUnit.CNY)).isNotEqualTo(Cost.of("0.20", CostUnit.CNY));
    assertThat(Cost.of("0.1", CostUnit.CNY)).isLessThan(Cost.of("0.2", CostUnit.CNY));
  }

  @Test
  void ofNullableAndZero() {
    assertThat(Cost.ofNullable(null, CostUnit.KRW)).isNull();
    assertThat(Cost.ofNullable(BigDecimal.ONE, CostUnit.KRW)).isEqualTo(new Cost(BigDecimal.ONE, CostUnit.KRW));
    assertThat(Cost.zero(CostUnit.USD).amount()).isEqualByComparingTo("0");
  }

  @Test
  void currenciesAreIsoCodesAndCreditsAreNot() {
    assertThat(CostUnit.KRW.isCurrency()).isTrue();
    assertThat(CostUnit.CNY.isCurrency()).isTrue();
    assertThat(CostUnit.of("USD")).isEqualTo(CostUnit.USD);
    assertThat(CostUnit.CREDITS.isCurrency()).isFalse();
    assertThat(CostUnit.of("XYZ1").isCurrency()).isFalse();
    assertThat(CostUnit.of("ZZZ").isCurrency()).as("not an ISO 4217 code").isFalse();
    assertThat(CostUnit.of("krw").isCurrency()).as("lower case").isFalse();
  }

  @Test
  void aPriceEstimateSaysWhatItKnows() {
    PriceEstimate known = PriceEstimate.known("icodeeasy", Cost.of("0.40", CostUnit.CNY), "2 images at 0.20 CNY");
    assertThat(known.isKnown()).isTrue();
    assertThat(known.cost()).contains(Cost.of("0.40", CostUnit.CNY));
    assertThat(known).hasToString("icodeeasy: 0.40 CNY (2 images at 0.20 CNY)");
    PriceEstimate unknown = PriceEstimate.unknown("cheapsub", "billed per job");
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.cost()).isEmpty();
    assertThat(unknown).hasToString("cheapsub: unknown (billed per job)");
  }
}

package org.patchwork.edge.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  public record Message(String text, List<String> names) {}

  /** Like a council decision: its fingerprints by council. */
  public record Keyed(String decision, java.util.Map<String, String> fingerprints) {}

  @Test
  void readsAMapOfTextWhoseKeysComeThroughTheSameCheck() {
    Keyed keyed =
        json.fromJson(
            "{\"decision\":\"APPROVE\",\"fingerprints\":{\"kingston\":\"abc\",\"yarra\":\"def\"}}",
            Keyed.class);

    assertThat(keyed.fingerprints()).isEqualTo(java.util.Map.of("kingston", "abc", "yarra", "def"));
  }

  private final Jsonb json = new StrictJson().getContext(Message.class);

  @Test
  void readsOrdinaryTextIncludingOtherControlAndBidiCharacters() {
    Message message =
        json.fromJson(
            "{\"text\":\"Zoë \\u202e\\t\",\"names\":[\"Nguyễn\",\"O'Brien\"]}", Message.class);

    assertThat(message.text()).isEqualTo("Zoë \u202e\t");
    assertThat(message.names()).containsExactly("Nguyễn", "O'Brien");
  }

  @Test
  void readsAnExplicitNullAsAbsent() {
    assertThat(json.fromJson("{\"text\":null}", Message.class).text()).isNull();
  }

  @Test
  void refusesTextHoldingTheNulCharacterWhichTheDatabaseCannotStore() {
    assertThatThrownBy(() -> json.fromJson("{\"text\":\"a\\u0000b\"}", Message.class))
        .isInstanceOf(JsonbException.class);
    assertThatThrownBy(() -> json.fromJson("{\"names\":[\"ok\",\"\\u0000\"]}", Message.class))
        .isInstanceOf(JsonbException.class);
  }

  @Test
  void refusesAnObjectOrAListWhereTextBelongs() {
    assertThatThrownBy(() -> json.fromJson("{\"text\":{\"k\":1}}", Message.class))
        .isInstanceOf(JsonbException.class);
    assertThatThrownBy(() -> json.fromJson("{\"text\":[\"a\"]}", Message.class))
        .isInstanceOf(JsonbException.class);
  }

  @Test
  void refusesUnknownFields() {
    assertThatThrownBy(() -> json.fromJson("{\"txet\":\"a\"}", Message.class))
        .isInstanceOf(JsonbException.class);
  }
}

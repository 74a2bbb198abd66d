package org.patchwork.edge.problems;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * JSON-B that refuses unknown fields instead of silently dropping what the caller meant, and text
 * holding U+0000, which PostgreSQL cannot store: the database would refuse it mid-transaction and
 * the caller would get a 500 for their own mistake.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {

  private final Jsonb jsonb =
      JsonbBuilder.create(
          new JsonbConfig()
              // Yasson's key is "jsonb.fail-on-unknown-properties"; "yasson.…" is silently ignored.
              .setProperty("jsonb.fail-on-unknown-properties", true)
              .withDeserializers(new TextWithoutNul()));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }

  /** Every string of every body passes here, list elements included. */
  static final class TextWithoutNul implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
      JsonParser.Event event = parser.currentEvent();
      if (event == JsonParser.Event.VALUE_NULL) {
        return null;
      }
      // A map's keys come here too (Map<String, String>: a council decision's fingerprints).
      if (event != JsonParser.Event.VALUE_STRING
          && event != JsonParser.Event.VALUE_NUMBER
          && event != JsonParser.Event.KEY_NAME) {
        throw new JsonbException("Expected text, found " + event);
      }
      String text = parser.getString();
      if (text.indexOf('\u0000') >= 0) {
        throw new JsonbException("Text may not contain the NUL character (U+0000)");
      }
      return text;
    }
  }
}

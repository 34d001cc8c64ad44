package cn.shuangcheng.servicesupport.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Turns the JSON text that Axon's serializer produced into a BSON document and back, so that payload and metadata
 * are readable and queryable in the mongo shell (the event store is the audit trail).
 * <p>
 * The round trip must give the serializer the same JSON values back. Numbers keep their exact type: integers become
 * Int32/Int64 (larger ones Decimal128), and every JSON fraction becomes a Decimal128 built from its text, because a
 * BSON double could change its digits. Anything that cannot be stored faithfully as a document stays the original
 * JSON text in a BSON string: a root that is not an object, a field name MongoDB treats specially ({@code $...},
 * dots, empty, NUL), or a number Decimal128 cannot hold exactly. A document can never be mistaken for a string, so
 * reading needs no marker.
 */
final class JsonBsonConverter {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonBsonConverter() {
    }

    /** The BSON value to store for serialized JSON text: a document when faithful, else the text itself. */
    static BsonValue toBson(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new BsonString(json);
            }
            BsonDocument document = readObject(parser);
            if (parser.nextToken() != null) {
                return new BsonString(json);
            }
            return document;
        } catch (IOException | NotStorableAsDocument | NumberFormatException e) {
            return new BsonString(json);
        }
    }

    /** The serialized JSON text for a stored value written by {@link #toBson(String)}. */
    static String toJson(BsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString().getValue();
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write stored event data as JSON", e);
        }
        return out.toString();
    }

    private static BsonDocument readObject(JsonParser parser) throws IOException {
        BsonDocument document = new BsonDocument();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!isPlainFieldName(name)) {
                throw new NotStorableAsDocument();
            }
            parser.nextToken();
            document.put(name, readValue(parser));
        }
        return document;
    }

    private static BsonArray readArray(JsonParser parser) throws IOException {
        BsonArray array = new BsonArray();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }

    private static BsonValue readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new BsonString(parser.getText());
            case VALUE_TRUE -> BsonBoolean.TRUE;
            case VALUE_FALSE -> BsonBoolean.FALSE;
            case VALUE_NULL -> BsonNull.VALUE;
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> new BsonInt32(parser.getIntValue());
                case LONG -> new BsonInt64(parser.getLongValue());
                default -> exactDecimal(parser.getText());
            };
            case VALUE_NUMBER_FLOAT -> exactDecimal(parser.getText());
            default -> throw new NotStorableAsDocument();
        };
    }

    private static BsonDecimal128 exactDecimal(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0 && text.startsWith("-")) {
            throw new NotStorableAsDocument(); // BigDecimal has no negative zero
        }
        // Not exactly a Decimal128: the caller then keeps the JSON text.
        return new BsonDecimal128(ExactDecimal128.of(value).orElseThrow(NotStorableAsDocument::new));
    }

    private static boolean isPlainFieldName(String name) {
        return !name.isEmpty() && name.charAt(0) != '$' && name.indexOf('.') < 0 && name.indexOf('\0') < 0;
    }

    private static void write(BsonValue value, JsonGenerator generator) throws IOException {
        switch (value.getBsonType()) {
            case DOCUMENT -> {
                generator.writeStartObject();
                for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                    generator.writeFieldName(field.getKey());
                    write(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (BsonValue element : value.asArray()) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(value.asString().getValue());
            case BOOLEAN -> generator.writeBoolean(value.asBoolean().getValue());
            case NULL -> generator.writeNull();
            case INT32 -> generator.writeNumber(value.asInt32().getValue());
            case INT64 -> generator.writeNumber(value.asInt64().getValue());
            case DOUBLE -> generator.writeNumber(value.asDouble().getValue());
            case DECIMAL128 -> generator.writeNumber(value.asDecimal128().getValue().bigDecimalValue().toString());
            default -> throw new IllegalStateException(
                    "Stored event data holds a BSON " + value.getBsonType() + ", which this store never writes");
        }
    }

    /** Signals that JSON text must stay text to survive the round trip. */
    private static final class NotStorableAsDocument extends RuntimeException {
        NotStorableAsDocument() {
            super(null, null, false, false);
        }
    }
}

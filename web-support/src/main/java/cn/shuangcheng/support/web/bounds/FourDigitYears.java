package cn.shuangcheng.support.web.bounds;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.ToIntFunction;

import cn.shuangcheng.kernel.Bounds;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.deser.YearMonthDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Dates and months of a body have a four-digit year, 1 to 9999, however the body writes them ({@code "2023-01-01"},
 * {@code [2023,1,1]}). java.time reads years up to 999,999,999 ({@code "+10000-01-01"}): such a date broke date
 * arithmetic (a secondment's term added to it answered 500) and sorted wrongly as the {@code YYYY-MM-DD} text the
 * read models compare (an agenda item due in the year 10000 counted as overdue at once). Beyond the bounds the body
 * is refused with 400, naming the field, before anything is bound.
 */
public final class FourDigitYears {

    public static final int MIN_YEAR = Bounds.MIN_YEAR;
    public static final int MAX_YEAR = Bounds.MAX_YEAR;

    private FourDigitYears() {
    }

    public static boolean holds(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** The Jackson module that holds every {@link LocalDate} and {@link YearMonth} a mapper reads to the bounds. */
    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("four-digit-years");
        module.addDeserializer(LocalDate.class,
                new Bounded<>(LocalDate.class, LocalDateDeserializer.INSTANCE, LocalDate::getYear));
        module.addDeserializer(YearMonth.class,
                new Bounded<>(YearMonth.class, YearMonthDeserializer.INSTANCE, YearMonth::getYear));
        return module;
    }

    /** Jackson's own reading of the type, then the year checked. */
    private static final class Bounded<T> extends ValueDeserializer<T> {

        private final Class<T> type;
        private final ValueDeserializer<?> jackson;
        private final ToIntFunction<T> year;

        Bounded(Class<T> type, ValueDeserializer<?> jackson, ToIntFunction<T> year) {
            this.type = type;
            this.jackson = jackson;
            this.year = year;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            T value = type.cast(jackson.deserialize(parser, context));
            if (value != null && !holds(year.applyAsInt(value))) {
                throw InvalidFormatException.from(parser, "year outside " + MIN_YEAR + " to " + MAX_YEAR, value, type);
            }
            return value;
        }

        /** Jackson's deserializer as the property configures it (@JsonFormat, leniency), still bounded. */
        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new Bounded<>(type, jackson.createContextual(context, property), year);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }
}

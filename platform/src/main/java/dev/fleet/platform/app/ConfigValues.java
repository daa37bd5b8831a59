package dev.fleet.platform.app;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one spelling of enum-valued settings ({@code mode: remote}, {@code fallback: list-price}): a constant is written
 * in lower case with {@code -} for {@code _}, and anything else fails startup naming the setting and every accepted
 * value. An enum uses it from its {@code @JsonCreator} and its {@code @JsonValue toString()}.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The constant {@code setting} names with {@code value}; else "{@code <setting> must be a, b or c, not 'x'}". */
    public static <E extends Enum<E>> E parse(Class<E> type, String setting, String value) {
        for (E constant : type.getEnumConstants()) {
            if (name(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(setting + " must be " + choices(type) + ", not '" + value + "'");
    }

    /** How a setting spells {@code constant}: {@code FAIL_FAST} is {@code fail-fast}. */
    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "a", "a or b", "a, b or c". */
    private static String choices(Class<? extends Enum<?>> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(ConfigValues::name).toList();
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }
}

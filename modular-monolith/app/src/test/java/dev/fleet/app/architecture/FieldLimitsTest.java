package dev.fleet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.notifications.api.Notification;
import dev.fleet.pricing.api.RentalPeriod;
import dev.fleet.reservations.api.ReservationStatus;
import dev.fleet.platform.ops.RequestIds;
import dev.fleet.platform.validation.AmountField;
import dev.fleet.platform.validation.TextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits every module validates its input against ({@link TextField} and {@link AmountField} constants, one per
 * field) agree with the columns the Liquibase changelogs create: whatever validation lets through, the database
 * stores, on H2 and PostgreSQL alike. And every text or decimal column of a module's tables is either some field's
 * column or named below as written by the server only, so a new column cannot slip past validation unnoticed.
 */
class FieldLimitsTest {

    /** table.column → its Liquibase type, lower case, from every module changelog the monolith applies. */
    private static final Map<String, String> COLUMNS = new TreeMap<>();
    /** Every field constant in the production classes, with the class that declares it. */
    private static final List<Declared<TextField>> TEXT_FIELDS = new ArrayList<>();
    private static final List<Declared<AmountField>> AMOUNT_FIELDS = new ArrayList<>();

    /** Columns no client value (of a request or a message) reaches unchecked by a field above, and why. */
    private static final Map<String, String> SERVER_WRITTEN = Map.ofEntries(
            entry("cars.category", "an enum name (CarCategory), checked below"),
            entry("replicated_cars.car_id", "copied from catalog_outbox/cars, both cars.id"),
            entry("reservation_car_locks.car_id", "the reservation's carId (reservations.car_id)"),
            entry("reservations.status", "an enum name (ReservationStatus), checked below"),
            entry("reservations.total", "a quote's total, checked below"),
            entry("reservations.currency", "Money.CURRENCY"),
            entry("reservation_idempotency_keys.request_hash", "a SHA-256 in hex"),
            entry("reservation_idempotency_keys.reservation_id", "a server-assigned UUID"),
            entry("invoices.id", "a server-assigned UUID"),
            entry("invoices.status", "Invoice.ISSUED"),
            entry("notifications.id", "a server-assigned UUID"),
            entry("notifications.type", "Notification's constants, checked below"),
            entry("price_rules.code", "seeded by the changelog; no API writes price rules"),
            entry("price_rules.kind", "seeded by the changelog"),
            entry("price_rules.percent", "seeded by the changelog"),
            entry("price_rules.description", "seeded by the changelog"));

    /** Outbox tables are written by the platform's Outbox from server-side values, and the request id (checked below). */
    private static final Pattern OUTBOX_TABLE = Pattern.compile(".*_outbox");

    private record Declared<F>(String where, F field) {
    }

    @BeforeAll
    static void read() throws Exception {
        for (String module : Modules.ALL) {
            String resource = "db/" + module + "/changelog.xml";
            try (InputStream in = FieldLimitsTest.class.getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                readChangelog(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in));
            }
        }
        for (JavaClass javaClass : Modules.production()) {
            for (JavaField javaField : javaClass.getFields()) {
                boolean textField = javaField.getRawType().isEquivalentTo(TextField.class);
                boolean amountField = javaField.getRawType().isEquivalentTo(AmountField.class);
                if ((textField || amountField) && javaField.getModifiers().contains(JavaModifier.STATIC)) {
                    Field field = javaField.reflect();
                    field.setAccessible(true);
                    String where = javaClass.getSimpleName() + "." + javaField.getName();
                    if (textField) {
                        TEXT_FIELDS.add(new Declared<>(where, (TextField) field.get(null)));
                    } else {
                        AMOUNT_FIELDS.add(new Declared<>(where, (AmountField) field.get(null)));
                    }
                }
            }
        }
    }

    private static void readChangelog(Document changelog) {
        for (String parent : List.of("createTable", "addColumn")) {
            NodeList tables = changelog.getElementsByTagName(parent);
            for (int i = 0; i < tables.getLength(); i++) {
                Element table = (Element) tables.item(i);
                NodeList columns = table.getElementsByTagName("column");
                for (int j = 0; j < columns.getLength(); j++) {
                    Element column = (Element) columns.item(j);
                    COLUMNS.put(table.getAttribute("tableName") + "." + column.getAttribute("name"),
                            column.getAttribute("type").toLowerCase());
                }
            }
        }
    }

    @Test
    void theTestSeesTheChangelogsAndTheFields() {
        assertThat(COLUMNS).containsEntry("cars.daily_rate", "decimal(10,2)").containsEntry("customers.name", "varchar(100)");
        assertThat(TEXT_FIELDS).extracting(d -> d.field().column())
                .contains("cars.manufacturer", "customers.email", "reservations.car_id", "reservation_idempotency_keys.idempotency_key");
        assertThat(AMOUNT_FIELDS).extracting(d -> d.field().column()).contains("cars.daily_rate");
    }

    @Test
    void everyTextFieldFitsItsVarcharColumn() {
        List<String> problems = new ArrayList<>();
        for (Declared<TextField> declared : TEXT_FIELDS) {
            TextField field = declared.field();
            String type = COLUMNS.get(field.column());
            Matcher varchar = type == null ? null : Pattern.compile("varchar\\((\\d+)\\)").matcher(type);
            if (varchar == null || !varchar.matches()) {
                problems.add(declared.where() + ": column " + field.column() + " is " + (type == null ? "not in any changelog" : type + ", not a varchar"));
            } else if (field.maxLength() > Integer.parseInt(varchar.group(1))) {
                problems.add(declared.where() + ": allows " + field.maxLength() + " characters, " + field.column() + " holds " + type);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyAmountFieldFitsItsDecimalColumn() {
        List<String> problems = new ArrayList<>();
        for (Declared<AmountField> declared : AMOUNT_FIELDS) {
            AmountField field = declared.field();
            String type = COLUMNS.get(field.column());
            if (type == null) {
                problems.add(declared.where() + ": column " + field.column() + " is not in any changelog");
            } else if (!fits(field.max(), field.scale(), type)) {
                problems.add(declared.where() + ": up to " + field.max() + " with " + field.scale() + " decimals does not fit " + type);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTextOrDecimalColumnIsAFieldsOrWrittenByTheServer() {
        List<String> covered = new ArrayList<>();
        TEXT_FIELDS.forEach(d -> covered.add(d.field().column()));
        AMOUNT_FIELDS.forEach(d -> covered.add(d.field().column()));
        List<String> unchecked = COLUMNS.entrySet().stream()
                .filter(c -> c.getValue().startsWith("varchar") || c.getValue().startsWith("decimal"))
                .map(Map.Entry::getKey)
                .filter(column -> !covered.contains(column) && !SERVER_WRITTEN.containsKey(column))
                .filter(column -> !OUTBOX_TABLE.matcher(column.substring(0, column.indexOf('.'))).matches())
                .toList();
        assertThat(unchecked).as("columns with neither a validated field nor a reason in SERVER_WRITTEN").isEmpty();
        assertThat(SERVER_WRITTEN.keySet()).as("SERVER_WRITTEN names only existing columns").allMatch(COLUMNS::containsKey);
    }

    @Test
    void theRequestIdHeaderFitsEveryOutboxThatKeepsIt() {
        List<String> requestIdColumns = COLUMNS.keySet().stream().filter(c -> c.endsWith("_outbox.request_id")).toList();
        assertThat(requestIdColumns).contains("reservation_outbox.request_id", "catalog_outbox.request_id");
        requestIdColumns.forEach(column -> assertFits(column, List.of("r".repeat(RequestIds.MAX_LENGTH))));
    }

    @Test
    void enumNamesFitTheirColumns() {
        assertFits("cars.category", Arrays.stream(CarCategory.values()).map(Enum::name).toList());
        assertFits("reservations.status", Arrays.stream(ReservationStatus.values()).map(Enum::name).toList());
        assertFits("notifications.type", List.of(Notification.RESERVATION_CONFIRMED, Notification.RESERVATION_CANCELLED));
    }

    @Test
    void theDearestPossibleQuoteFitsTheTotalAndTheInvoice() {
        AmountField dailyRate = AMOUNT_FIELDS.stream().map(Declared::field).filter(f -> f.column().equals("cars.daily_rate"))
                .findFirst().orElseThrow();
        // every day at the highest rate, plus the largest surcharge price_rules.percent (decimal(5,2)) can hold on each
        BigDecimal worst = dailyRate.max().multiply(BigDecimal.valueOf(RentalPeriod.MAX_DAYS))
                .multiply(BigDecimal.ONE.add(new BigDecimal("999.99").movePointLeft(2)));
        assertThat(COLUMNS.get("price_rules.percent")).isEqualTo("decimal(5,2)");
        assertThat(fits(worst.setScale(2, java.math.RoundingMode.HALF_EVEN), 2, COLUMNS.get("reservations.total")))
                .as(worst + " fits reservations.total " + COLUMNS.get("reservations.total")).isTrue();
        assertThat(fits(worst.setScale(2, java.math.RoundingMode.HALF_EVEN), 2, COLUMNS.get("invoices.amount")))
                .as(worst + " fits invoices.amount " + COLUMNS.get("invoices.amount")).isTrue();
    }

    private static void assertFits(String column, List<String> values) {
        Matcher varchar = Pattern.compile("varchar\\((\\d+)\\)").matcher(COLUMNS.get(column));
        assertThat(varchar.matches()).as(column).isTrue();
        assertThat(values).as(column).allMatch(v -> v.length() <= Integer.parseInt(varchar.group(1)));
    }

    /** True when every amount up to {@code max} with {@code scale} decimals fits {@code decimal(p,s)}. */
    private static boolean fits(BigDecimal max, int scale, String type) {
        Matcher decimal = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)").matcher(type);
        if (!decimal.matches()) {
            return false;
        }
        int precision = Integer.parseInt(decimal.group(1));
        int columnScale = Integer.parseInt(decimal.group(2));
        int integerDigits = max.setScale(0, java.math.RoundingMode.DOWN).toPlainString().length();
        return scale <= columnScale && integerDigits <= precision - columnScale;
    }
}

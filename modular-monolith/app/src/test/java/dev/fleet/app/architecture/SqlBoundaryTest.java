package dev.fleet.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No module's SQL names another module's table. A module owns the tables its Liquibase changelog
 * ({@code db/<module>/changelog.xml}) creates; its SQL is its changelog's own SQL and table references plus every
 * SQL string in its classes (JDBI annotations and SQL-looking literals). Modules come from {@link Modules#ALL};
 * one whose changelog and classes are not on the classpath yet has nothing to check and is skipped, so the test
 * covers each module as soon as it lands.
 */
class SqlBoundaryTest {

    /** module → the changelog read from the classpath, for the modules that have one. */
    private static final Map<String, SqlBoundaries.Changelog> CHANGELOGS = new LinkedHashMap<>();

    @BeforeAll
    static void readChangelogs() {
        for (String module : Modules.ALL) {
            String resource = changelogOf(module);
            if (SqlBoundaryTest.class.getClassLoader().getResource(resource) != null) {
                CHANGELOGS.put(module, SqlBoundaries.readChangelog(resource));
            }
        }
    }

    private static String changelogOf(String module) {
        return "db/" + module + "/changelog.xml";
    }

    @Test
    void everyChangelogTheMonolithAppliesBelongsToAKnownModule() {
        // A module added to migrations.xml but missing from Modules.ALL would escape this test.
        String master = new String(readResource("migrations.xml"), StandardCharsets.UTF_8);
        Matcher include = Pattern.compile("<include\\s+file=\"db/([^/\"]+)/changelog\\.xml\"").matcher(master);
        List<String> included = new ArrayList<>();
        while (include.find()) {
            included.add(include.group(1));
        }
        assertThat(included).contains("catalog");
        assertThat(Modules.ALL).containsAll(included);
        assertThat(CHANGELOGS.keySet()).containsAll(included);
    }

    @Test
    void everyTableHasExactlyOneOwner() {
        Map<String, List<String>> owners = new TreeMap<>();
        CHANGELOGS.forEach((module, changelog) -> changelog.createdTables()
                .forEach(table -> owners.computeIfAbsent(table, t -> new ArrayList<>()).add(module)));
        assertThat(owners).containsKey("cars");
        assertThat(owners).allSatisfy((table, modules) -> assertThat(modules).as("owners of " + table).hasSize(1));
    }

    @Test
    void findsTheCatalogsOwnSql() {
        // Guards against a collector that silently finds nothing.
        Set<String> catalogTables = CHANGELOGS.get("catalog").createdTables();
        assertThat(catalogTables).contains("cars");
        List<String> sql = sqlOfModule("catalog");
        assertThat(sql).anySatisfy(s -> assertThat(SqlBoundaries.tablesNamedIn(s, catalogTables)).contains("cars"));
    }

    @Test
    void noModuleNamesAnotherModulesTables() {
        List<String> violations = new ArrayList<>();
        for (String module : Modules.ALL) {
            Map<String, String> foreignTables = new TreeMap<>(); // table → owner
            CHANGELOGS.forEach((owner, changelog) -> {
                if (!owner.equals(module)) {
                    changelog.createdTables().forEach(table -> foreignTables.put(table, owner));
                }
            });
            SqlBoundaries.Changelog own = CHANGELOGS.get(module);
            if (own != null) {
                own.namedTables().stream().filter(foreignTables::containsKey).forEach(table -> violations.add(
                        module + "'s changelog names table " + table + " of " + foreignTables.get(table)));
                own.sql().forEach(sql -> check(module + "'s changelog SQL", sql, foreignTables, violations));
            }
            for (JavaClass javaClass : classesOf(module)) {
                SqlBoundaries.sqlOf(javaClass).forEach(sql -> check(javaClass.getName(), sql, foreignTables, violations));
            }
        }
        assertThat(violations).as("SQL that crosses a module boundary").isEmpty();
    }

    private static void check(String where, String sql, Map<String, String> foreignTables, List<String> violations) {
        for (String table : SqlBoundaries.tablesNamedIn(sql, foreignTables.keySet())) {
            violations.add(where + " names table " + table + " of module " + foreignTables.get(table) + ": " + sql.strip());
        }
    }

    // --- the checker's own checks: each piece detects a crafted violation ---

    @Test
    void matcherFindsWholeTableNamesOnly() {
        Set<String> tables = Set.of("cars", "customers", "reservation_outbox");
        assertThat(SqlBoundaries.tablesNamedIn("select r.id from reservations r join CARS c on c.id = r.car_id", tables))
                .containsExactly("cars");
        assertThat(SqlBoundaries.tablesNamedIn("SELECT * FROM public.customers", tables)).containsExactly("customers");
        assertThat(SqlBoundaries.tablesNamedIn("INSERT INTO \"reservation_outbox\"(id) VALUES (1)", tables))
                .containsExactly("reservation_outbox");
        assertThat(SqlBoundaries.tablesNamedIn("SELECT car_id, customers_count, scars FROM reservations", tables)).isEmpty();
    }

    @Test
    void changelogReaderSeesCreatedTablesForeignKeysAndRawSql() {
        String xml = """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <changeSet id="1" author="t">
                    <createTable tableName="Invoices"><column name="id" type="int"/></createTable>
                    <addForeignKeyConstraint baseTableName="invoices" baseColumnNames="car_id"
                        referencedTableName="cars" referencedColumnNames="id" constraintName="fk"/>
                    <sql>UPDATE invoices SET amount = (SELECT daily_rate FROM cars LIMIT 1)</sql>
                  </changeSet>
                </databaseChangeLog>""";
        SqlBoundaries.Changelog changelog = SqlBoundaries.readChangelog(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(changelog.createdTables()).containsExactly("invoices");
        assertThat(changelog.namedTables()).contains("cars");
        assertThat(changelog.sql()).hasSize(1);
        assertThat(SqlBoundaries.tablesNamedIn(changelog.sql().get(0), Set.of("cars"))).containsExactly("cars");
    }

    @Test
    void classScannerSeesAnnotationsAndLiterals() {
        JavaClass dao = new com.tngtech.archunit.core.importer.ClassFileImporter().importClass(CrossingDao.class);
        JavaClass service = new com.tngtech.archunit.core.importer.ClassFileImporter().importClass(CrossingService.class);
        assertThat(SqlBoundaries.sqlOf(dao)).contains("SELECT id FROM customers WHERE id = ?");
        assertThat(SqlBoundaries.sqlOf(service)).anySatisfy(sql -> assertThat(sql).contains("JOIN cars"))
                .noneSatisfy(sql -> assertThat(sql).isEqualTo("no such car"));
    }

    interface CrossingDao {
        @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT id FROM customers WHERE id = ?")
        String find(String id);
    }

    static final class CrossingService {
        String sql(String id) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("no such car");
            }
            return "select r.id from reservations r JOIN cars c on c.id = r.car_id where r.id = '" + id + "'";
        }
    }

    // --- helpers ---

    private static List<JavaClass> classesOf(String module) {
        return Modules.production().stream()
                .filter(javaClass -> Modules.moduleOf(Modules.ROOT, Modules.ALL, javaClass).filter(module::equals).isPresent())
                .toList();
    }

    private static List<String> sqlOfModule(String module) {
        return classesOf(module).stream().flatMap(javaClass -> SqlBoundaries.sqlOf(javaClass).stream()).toList();
    }

    private static byte[] readResource(String name) {
        try (var in = SqlBoundaryTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

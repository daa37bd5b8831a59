package dev.fleet.app.architecture;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads which tables a module owns (its Liquibase changelog) and which SQL it runs (its classes). */
final class SqlBoundaries {

    private static final Set<String> JDBI_SQL_ANNOTATIONS = Set.of(
            "org.jdbi.v3.sqlobject.statement.SqlQuery", "org.jdbi.v3.sqlobject.statement.SqlUpdate",
            "org.jdbi.v3.sqlobject.statement.SqlBatch", "org.jdbi.v3.sqlobject.statement.SqlCall",
            "org.jdbi.v3.sqlobject.statement.SqlScript");
    /** Attributes of Liquibase changes that name a table. */
    private static final Set<String> TABLE_ATTRIBUTES = Set.of("tableName", "baseTableName", "referencedTableName");
    /** Liquibase elements whose text is SQL. */
    private static final Set<String> SQL_ELEMENTS = Set.of("sql", "createView", "createProcedure", "where");
    /** A string literal that starts like a statement is taken for SQL; other literals (messages, names) are not. */
    private static final Pattern LOOKS_LIKE_SQL = Pattern.compile(
            "(?is)^\\s*(select|insert|update|delete|merge|with|create|alter|drop|truncate)\\s.*");

    private SqlBoundaries() {
    }

    /** What a changelog (and the changelogs it includes) creates, names, and runs. */
    record Changelog(Set<String> createdTables, Set<String> namedTables, List<String> sql) {
    }

    static Changelog readChangelog(String resource) {
        Changelog changelog = new Changelog(new TreeSet<>(), new TreeSet<>(), new ArrayList<>());
        read(resource, changelog);
        return changelog;
    }

    static Changelog readChangelog(InputStream xml) {
        Changelog changelog = new Changelog(new TreeSet<>(), new TreeSet<>(), new ArrayList<>());
        read(parse(xml, "<stream>"), "", changelog);
        return changelog;
    }

    private static void read(String resource, Changelog into) {
        try (InputStream in = SqlBoundaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("changelog not on the classpath: " + resource);
            }
            read(parse(in, resource), resource, into);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static void read(Document document, String resource, Changelog into) {
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String name = element.getLocalName();
            if (name.equals("createTable")) {
                into.createdTables().add(element.getAttribute("tableName").toLowerCase(Locale.ROOT));
            }
            for (String attribute : TABLE_ATTRIBUTES) {
                if (element.hasAttribute(attribute)) {
                    into.namedTables().add(element.getAttribute(attribute).toLowerCase(Locale.ROOT));
                }
            }
            if (SQL_ELEMENTS.contains(name)) {
                into.sql().add(element.getTextContent());
            }
            if (name.equals("include")) {
                String file = element.getAttribute("file");
                boolean relative = Boolean.parseBoolean(element.getAttribute("relativeToChangelogFile"));
                read(relative ? resource.substring(0, resource.lastIndexOf('/') + 1) + file : file, into);
            }
            if (name.equals("includeAll")) {
                throw new IllegalStateException(resource + ": includeAll is not supported by the SQL boundary test; use include");
            }
        }
    }

    private static Document parse(InputStream in, String what) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse changelog " + what, e);
        }
    }

    /** Every SQL string of a class: JDBI SqlObject annotation values plus SQL-looking string literals in its bytecode. */
    static Set<String> sqlOf(JavaClass javaClass) {
        Set<String> sql = new LinkedHashSet<>();
        for (JavaMethod method : javaClass.getMethods()) {
            for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                if (JDBI_SQL_ANNOTATIONS.contains(annotation.getRawType().getName())) {
                    annotation.get("value").ifPresent(value -> {
                        if (value instanceof Object[] values) {
                            Arrays.stream(values).map(String::valueOf).forEach(sql::add);
                        } else {
                            sql.add(String.valueOf(value));
                        }
                    });
                }
            }
        }
        stringLiterals(javaClass.getName()).stream().filter(s -> LOOKS_LIKE_SQL.matcher(s).matches()).forEach(sql::add);
        return sql;
    }

    /** The tables among {@code tables} that {@code sql} names: whole words, case-insensitive. */
    static Set<String> tablesNamedIn(String sql, Set<String> tables) {
        Set<String> named = new TreeSet<>();
        for (String table : tables) {
            if (Pattern.compile("(?i)(?<![A-Za-z0-9_$])" + Pattern.quote(table) + "(?![A-Za-z0-9_$])").matcher(sql).find()) {
                named.add(table);
            }
        }
        return named;
    }

    /**
     * The string constants (CONSTANT_String entries: literals, {@code static final} values, concatenation recipes)
     * of a compiled class, read from its class file's constant pool.
     */
    static List<String> stringLiterals(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream raw = SqlBoundaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("class file not found: " + resource);
            }
            DataInputStream in = new DataInputStream(raw);
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> strings = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 8 -> strings.add(in.readUnsignedShort());
                    case 7, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // longs and doubles take two slots
                    }
                    default -> throw new IllegalStateException(resource + ": unknown constant pool tag " + tag);
                }
            }
            return strings.stream().map(index -> utf8[index]).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}

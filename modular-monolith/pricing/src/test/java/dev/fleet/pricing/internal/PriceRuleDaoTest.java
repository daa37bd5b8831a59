package dev.fleet.pricing.internal;

import dev.fleet.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pricing's changelog on its own (H2, or PostgreSQL when FLEET_IT_POSTGRES is set): no other module's tables needed. */
class PriceRuleDaoTest {

    static final TestDatabase DB = TestDatabase.migrated("db/pricing/changelog.xml");

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void seedsTheRulesTheUnitTestsAndDocsDescribe() {
        assertThat(DB.jdbi().onDemand(PriceRuleDao.class).list()).containsExactlyElementsOf(
                PricingServiceTest.RULES.stream().sorted(java.util.Comparator.comparing(PriceRule::code)).toList());
    }

    @Test
    void changedRulesApplyToTheNextQuote() {
        PriceRuleDao dao = DB.jdbi().onDemand(PriceRuleDao.class);
        PricingService pricing = new PricingService(dao::list, PricingServiceTest.CATALOG, PricingServiceTest.CUSTOMERS, PricingServiceTest.MONDAY);
        var from = java.time.LocalDate.parse("2025-06-07");
        assertThat(pricing.quote("GALAXY", from, from.plusDays(1), null).total()).isEqualByComparingTo("70.80");
        DB.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 50 WHERE code = 'WEEKEND'"));
        try {
            assertThat(pricing.quote("GALAXY", from, from.plusDays(1), null).total()).isEqualByComparingTo("88.50");
        } finally {
            DB.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 20 WHERE code = 'WEEKEND'"));
        }
    }
}

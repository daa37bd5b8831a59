package dev.fleet.pricing.internal;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

@RegisterConstructorMapper(PriceRule.class)
public interface PriceRuleDao {

    @SqlQuery("SELECT code, kind, percent, min_days FROM price_rules ORDER BY code")
    List<PriceRule> list();
}

package dev.fleet.platform.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enum settings spelled in lower case with hyphens; anything else is refused naming the setting and the choices. */
class ConfigValuesTest {

    enum Fallback {
        FAIL_FAST, LIST_PRICE;

        @JsonCreator
        static Fallback of(String value) {
            return ConfigValues.parse(Fallback.class, "pricing.fallback", value);
        }

        @JsonValue
        @Override
        public String toString() {
            return ConfigValues.name(this);
        }
    }

    enum Mode { LOCAL, REMOTE, PARALLEL }

    enum Only { SELF }

    /** A configuration block as Dropwizard builds one. */
    static class Settings {
        @JsonProperty
        Fallback fallback = Fallback.FAIL_FAST;
    }

    @Test
    void aConstantIsSpelledInLowerCaseWithHyphens() {
        assertThat(ConfigValues.name(Fallback.LIST_PRICE)).isEqualTo("list-price");
        assertThat(ConfigValues.name(Mode.REMOTE)).isEqualTo("remote");
        assertThat(ConfigValues.parse(Fallback.class, "pricing.fallback", "fail-fast")).isEqualTo(Fallback.FAIL_FAST);
        assertThat(ConfigValues.parse(Mode.class, "pricing.mode", "parallel")).isEqualTo(Mode.PARALLEL);
    }

    @Test
    void anythingElseIsRefusedNamingTheSettingAndEveryChoice() {
        assertThatThrownBy(() -> ConfigValues.parse(Mode.class, "pricing.mode", "elsewhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pricing.mode must be local, remote or parallel, not 'elsewhere'");
        assertThatThrownBy(() -> ConfigValues.parse(Fallback.class, "pricing.fallback", "list_price"))
                .hasMessage("pricing.fallback must be fail-fast or list-price, not 'list_price'");
        assertThatThrownBy(() -> ConfigValues.parse(Mode.class, "mode", "Remote"))
                .as("case matters").hasMessage("mode must be local, remote or parallel, not 'Remote'");
        assertThatThrownBy(() -> ConfigValues.parse(Only.class, "catalog.source", null))
                .hasMessage("catalog.source must be self, not 'null'");
    }

    @Test
    void inAConfigurationFileTheSettingsAnswerIsWhatStartupReports() throws Exception {
        assertThat(build("fallback: list-price\n").fallback).isEqualTo(Fallback.LIST_PRICE);
        assertThat(Jackson.newObjectMapper().writeValueAsString(Fallback.LIST_PRICE)).isEqualTo("\"list-price\"");
        assertThatThrownBy(() -> build("fallback: guess\n")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pricing.fallback must be fail-fast or list-price, not 'guess'");
    }

    private static Settings build(String yaml) throws Exception {
        var factory = new DefaultConfigurationFactoryFactory<Settings>()
                .create(Settings.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}

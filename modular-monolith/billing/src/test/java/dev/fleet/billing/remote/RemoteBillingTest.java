package dev.fleet.billing.remote;

import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write side of billing is not a remote call (reads are tested against billing-service: BillingRemoteModeTest). */
class RemoteBillingTest {

    @Test
    void aChargeIsAMessageNotACall() {
        RemoteBilling billing = new RemoteBilling(new RemoteService("billing", name -> URI.create("http://127.0.0.1:1"),
                null, new HystrixSettings()));
        assertThatThrownBy(() -> billing.charge("m-1", new ChargeRequested("c-1", "r-1", "cust-1", BigDecimal.TEN, "EUR")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("billing is remote")
                .hasMessageContaining("RabbitMQ queue " + ChargeRequested.DESTINATION);
    }
}

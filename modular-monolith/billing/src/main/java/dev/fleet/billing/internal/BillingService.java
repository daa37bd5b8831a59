package dev.fleet.billing.internal;

import dev.fleet.billing.api.Billing;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.billing.api.Invoice;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.money.Money;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Issues exactly one invoice per reservation, however often its charge command arrives. */
public class BillingService implements Billing {

    private static final Logger LOG = LoggerFactory.getLogger(BillingService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public BillingService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void charge(String messageId, ChargeRequested command) {
        Objects.requireNonNull(command, "command");
        Problems problems = new Problems();
        InvoiceFields.MESSAGE_ID.required(problems, messageId);
        InvoiceFields.RESERVATION_ID.required(problems, command.reservationId());
        InvoiceFields.CUSTOMER_ID.optional(problems, command.customerId());
        InvoiceFields.AMOUNT.check(problems, command.amount());
        InvoiceFields.CURRENCY.required(problems, command.currency());
        if (!problems.isEmpty()) {
            // A malformed command cannot succeed on retry either: dead-lettered at once, kept visible there.
            throw new PoisonMessageException("invalid charge command: " + String.join("; ", problems.list()));
        }
        Invoice invoice = new Invoice(UUID.randomUUID().toString(), command.reservationId(), Money.cents(command.amount()),
                command.currency(), Invoice.ISSUED);
        try {
            boolean issued = jdbi.inTransaction(h -> {
                InvoiceDao dao = h.attach(InvoiceDao.class);
                // Recorded first: a concurrent duplicate blocks here until we commit, then fails on the key.
                dao.recordMessage(messageId, clock.instant());
                if (dao.countFor(command.reservationId()) > 0) {
                    return false;
                }
                dao.insert(invoice, command.customerId(), clock.instant());
                return true;
            });
            if (issued) {
                LOG.info("issued invoice {} for reservation {}: {} {}", invoice.id(), invoice.reservationId(), invoice.amount(), invoice.currency());
            } else {
                LOG.info("reservation {} is already invoiced; skipped charge message {}", command.reservationId(), messageId);
            }
        } catch (RuntimeException e) {
            if (!Databases.isUniqueViolation(e)) {
                throw e;
            }
            // message already processed, or a concurrent delivery invoiced the reservation first
            LOG.info("skipped duplicate charge message {} for reservation {}", messageId, command.reservationId());
        }
    }

    @Override
    public List<Invoice> invoicesFor(String reservationId) {
        Problems problems = new Problems();
        String id = InvoiceFields.RESERVATION_ID.required(problems, reservationId);
        problems.throwIfAny();
        return jdbi.withExtension(InvoiceDao.class, dao -> dao.findFor(id));
    }
}

package dev.fleet.customers.internal;

import dev.fleet.customers.api.Customer;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomerServiceTest {

    static final TestDatabase DB = TestDatabase.migrated("db/customers/changelog.xml");
    final CustomerService service = new CustomerService(DB.jdbi());

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void registrationNormalizesEmailAndLicence() {
        Customer customer = service.register(new CustomerRequest("  Barbara Liskov ", " Barbara@MIT.edu ", "liskov-39"));
        assertThat(customer.name()).isEqualTo("Barbara Liskov");
        assertThat(customer.email()).isEqualTo("barbara@mit.edu");
        assertThat(customer.licenceNumber()).isEqualTo("LISKOV-39");
        assertThat(service.find(customer.id().toUpperCase())).contains(customer);
    }

    @Test
    void duplicatesAreConflictsNamingWhichField() {
        ApiException email = catchThrowableOfType(() -> service.register(new CustomerRequest("X", "ADA@example.com", "NEW-12345")), ApiException.class);
        assertThat(email.status()).isEqualTo(409);
        assertThat(email.getMessage()).isEqualTo("email ada@example.com is already registered");

        ApiException both = catchThrowableOfType(() -> service.register(new CustomerRequest("X", "alan@example.com", "turing-1912")), ApiException.class);
        assertThat(both.errors()).containsExactly("email alan@example.com is already registered",
                "licenceNumber TURING-1912 is already registered");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ApiException e = catchThrowableOfType(() -> service.register(new CustomerRequest("n".repeat(101), "a@b", "ab")), ApiException.class);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).containsExactly("name must be at most 100 characters",
                "email must be an address like name@example.com, got 'a@b'", "licenceNumber must be 5-20 letters, digits or '-', got 'AB'");
    }

    @Test
    void emailRules() {
        assertThat(CustomerFields.EMAIL.shape().matcher("a.b+c@mail.example.com").matches()).isTrue();
        assertThat(CustomerFields.EMAIL.shape().matcher("a@@example.com").matches()).isFalse();
        assertThat(CustomerFields.EMAIL.shape().matcher("a@b@example.com").matches()).isFalse();
        assertThat(CustomerFields.EMAIL.shape().matcher("a@example.").matches()).isFalse();
        assertThat(CustomerFields.EMAIL.shape().matcher("a@.com").matches()).isFalse();
        assertThat(CustomerFields.EMAIL.shape().matcher("a b@example.com").matches()).isFalse();
        ApiException tooLong = catchThrowableOfType(() -> CustomerService.validate("id",
                new CustomerRequest("A", "a".repeat(250) + "@x.es", "ABCDE")), ApiException.class);
        assertThat(tooLong.errors()).containsExactly("email must be at most 254 characters");
    }

    @Test
    void malformedIdsAreNotFoundThroughTheDirectoryAndBadRequestsThroughTheApi() {
        assertThat(service.find("not-a-uuid")).isEmpty();
        assertThat(service.find(null)).isEmpty();
        assertThat(service.find("c0000000-0000-4000-8000-000000000001")).isPresent();
        assertThat(catchThrowableOfType(() -> service.get("1-2-3-4-5"), ApiException.class).status()).isEqualTo(400);
        assertThat(catchThrowableOfType(() -> service.get("c0000000-0000-4000-8000-0000000000ff"), ApiException.class).status()).isEqualTo(404);
    }
}

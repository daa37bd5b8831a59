package dev.fleet.brokers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("broker")
class EmbeddedAmqpTest {

    static final EmbeddedAmqp BROKER = new EmbeddedAmqp();

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
    }

    @AfterAll
    static void stop() {
        BROKER.stop();
    }

    @Test
    void publishesAndConsumesOnTheUriItAnnounces() throws Exception {
        URI uri = BROKER.uri();
        assertThat(uri.toString()).startsWith("amqp://fleet:fleet@127.0.0.1:" + BROKER.port() + "/default");
        try (Connection connection = connect(uri); Channel channel = connection.createChannel()) {
            channel.queueDeclare("embedded.hello", true, false, false, null);
            channel.basicPublish("", "embedded.hello", null, "hello".getBytes(StandardCharsets.UTF_8));
            GetResponse response = awaitMessage(channel, "embedded.hello");
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void persistentMessagesSurviveARestartOnTheSamePort() throws Exception {
        int port = BROKER.port();
        try (Connection connection = connect(BROKER.uri()); Channel channel = connection.createChannel()) {
            channel.queueDeclare("embedded.durable", true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < 3; i++) {
                channel.basicPublish("", "embedded.durable", MessageProperties.PERSISTENT_BASIC,
                        ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(5000);
        }

        BROKER.restart();

        assertThat(BROKER.port()).isEqualTo(port);
        try (Connection connection = connect(BROKER.uri()); Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive("embedded.durable");
            assertThat(queue.getMessageCount()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(new String(channel.basicGet("embedded.durable", true).getBody(), StandardCharsets.UTF_8))
                        .isEqualTo("m" + i);
            }
        }
    }

    @Test
    void stopFreesThePortAndAGivenDataDirectoryKeepsTheMessages(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dir.resolve("amqp");
        EmbeddedAmqp broker = new EmbeddedAmqp(0, data);
        broker.start();
        int port = broker.port();
        try (Connection connection = connect(broker.uri()); Channel channel = connection.createChannel()) {
            channel.queueDeclare("kept", true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", "kept", MessageProperties.PERSISTENT_BASIC, "x".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        assertThat(Files.isDirectory(data)).isTrue();

        EmbeddedAmqp again = new EmbeddedAmqp(port, data);
        again.start();
        try (Connection connection = connect(again.uri()); Channel channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive("kept").getMessageCount()).isEqualTo(1);
        } finally {
            again.stop();
        }
    }

    static Connection connect(URI uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection();
    }

    static GetResponse awaitMessage(Channel channel, String queue) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(response).as("a message on " + queue).isNotNull();
        return response;
    }
}

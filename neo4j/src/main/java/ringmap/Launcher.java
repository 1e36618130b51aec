package ringmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j 5.26 Community with Bolt on 127.0.0.1 for ringmap development and tests.
 * Usage: Launcher <dataDir> <port> [pidFile]. Prints "READY bolt://127.0.0.1:PORT" once Bolt listens.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher <dataDir> <port> [pidFile]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(home);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), Long.toString(ProcessHandle.current().pid()));
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        org.neo4j.io.ByteUnit.parse(System.getProperty("ringmap.pagecache", "512m")))
                .build();
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fail fast if the store is broken
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stop.countDown();
        }));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stop.await();
    }
}

package ringmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j 5.26 Community with Bolt on 127.0.0.1 for ringmap development and tests.
 * Usage: Launcher <dataDir> <port> [pidFile]. Prints "READY bolt://127.0.0.1:PORT" once Bolt listens.
 * System properties: ringmap.pagecache (page cache size); ringmap.passwordFile (authentication on, user neo4j with
 * the password in that file); ringmap.txmemory.max and ringmap.txmemory.total (db.memory.transaction.max and
 * dbms.memory.transaction.total.max, e.g. "64m").
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
        String passwordFile = System.getProperty("ringmap.passwordFile");
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, passwordFile != null)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(System.getProperty("ringmap.pagecache", "512m")));
        String txMax = System.getProperty("ringmap.txmemory.max");
        if (txMax != null) builder.setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.parse(txMax));
        String txTotal = System.getProperty("ringmap.txmemory.total");
        if (txTotal != null)
            builder.setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.parse(txTotal));
        DatabaseManagementService dbms = builder.build();
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fail fast if the store is broken
        if (passwordFile != null) setPassword(dbms, Files.readString(Path.of(passwordFile)).trim());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stop.countDown();
        }));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stop.await();
    }

    /** NOTE: Bolt already listens, but no one can log in before this: user neo4j has no known password yet. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // a restart with the same password: already in force
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) throw e;
        }
    }
}

package io.imagecast.sender.domain;

import io.imagecast.events.EventJson;
import io.imagecast.events.MalformedMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The sessions this node has seen, one small JSON file each under the state directory. Written
 * atomically (temp file + rename) so a crash leaves either the old or the new record, never half.
 */
public final class SessionLedger {
    private static final Logger LOG = Logger.getLogger(SessionLedger.class);
    private static final String SUFFIX = ".json";

    private final Path directory;

    public SessionLedger(Path stateDir) {
        this.directory = stateDir.resolve("sessions");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the session ledger in " + directory, e);
        }
    }

    public synchronized Optional<LedgerEntry> find(UUID sessionId) {
        Path file = fileOf(sessionId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return read(file);
    }

    public synchronized void save(LedgerEntry entry) {
        Path file = fileOf(entry.sessionId());
        Path temp = directory.resolve(entry.sessionId() + ".tmp");
        try {
            Files.write(temp, EventJson.toBytes(entry));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record session " + entry.sessionId() + " in " + directory, e);
        }
    }

    /** Moves a session to {@code phase}; a session never recorded is left alone. */
    public synchronized void advance(UUID sessionId, SessionPhase phase, Instant at) {
        find(sessionId).ifPresent(entry -> save(entry.withPhase(phase, at)));
    }

    public synchronized List<LedgerEntry> unfinished() {
        List<LedgerEntry> result = new ArrayList<>();
        for (Path file : files()) {
            read(file).filter(entry -> entry.phase() != SessionPhase.FINISHED).ifPresent(result::add);
        }
        return result;
    }

    /** Forgets finished sessions older than {@code retention}; returns how many were removed. */
    public synchronized int prune(Duration retention, Instant now) {
        int removed = 0;
        for (Path file : files()) {
            Optional<LedgerEntry> entry = read(file);
            boolean expired = entry.map(e ->
                            e.phase() == SessionPhase.FINISHED && e.updatedAt().isBefore(now.minus(retention)))
                    .orElse(false);
            if (expired) {
                try {
                    Files.deleteIfExists(file);
                    removed++;
                } catch (IOException e) {
                    LOG.warnf("cannot prune ledger file %s: %s", file, e.getMessage());
                }
            }
        }
        return removed;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the session ledger in " + directory, e);
        }
        return files;
    }

    private Optional<LedgerEntry> read(Path file) {
        try {
            return Optional.of(EventJson.fromBytes(Files.readAllBytes(file), LedgerEntry.class));
        } catch (IOException | MalformedMessageException e) {
            // An unreadable record must not stop the node; it is reported and skipped.
            LOG.errorf("unreadable session ledger file %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path fileOf(UUID sessionId) {
        return directory.resolve(sessionId + SUFFIX);
    }
}

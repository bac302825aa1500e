package dev.gantry.health.etcd;

import dev.gantry.core.GantryException;
import dev.gantry.core.etcd.EtcdAlarm;
import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMemberList;
import dev.gantry.core.etcd.EtcdStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every endpoint's health, status, member list and alarms at once (four calls per endpoint,
 * all in flight together) and folds the answers into an {@link EtcdClusterView}. Each call is
 * bounded by its endpoint's timeout, and the whole read by the longest timeout plus a grace, so a
 * read never waits longer than that. Thread-safe; owns daemon threads until closed.
 */
final class EtcdClusterReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdClusterReader.class);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<EtcdClient> clients;
    private final Duration deadline;
    private final ExecutorService executor;

    /** One call's outcome: the value, or why there is none. */
    private record Outcome<T>(Optional<T> value, String error) {
    }

    /** The four calls in flight to one endpoint. */
    private record Calls(EtcdClient client, CompletableFuture<EtcdHealth> health, CompletableFuture<EtcdStatus> status,
            CompletableFuture<EtcdMemberList> members, CompletableFuture<List<EtcdAlarm>> alarms) {

        void cancel() {
            List.of(health, status, members, alarms).forEach(future -> future.cancel(true));
        }
    }

    /** The outcomes of the four calls to one endpoint. */
    private record Reading(EtcdClient client, Outcome<EtcdHealth> health, Outcome<EtcdStatus> status,
            Outcome<EtcdMemberList> members, Outcome<List<EtcdAlarm>> alarms) {

        OptionalLong memberId() {
            if (status.value().isPresent()) {
                return OptionalLong.of(status.value().get().memberId());
            }
            return members.value().map(list -> OptionalLong.of(list.respondingMemberId())).orElse(OptionalLong.empty());
        }

        Optional<String> firstError() {
            return List.of(health, status, members, alarms).stream().map(Outcome::error).filter(e -> !e.isEmpty())
                    .findFirst();
        }
    }

    EtcdClusterReader(List<EtcdClient> clients) {
        this.clients = List.copyOf(clients);
        this.deadline = clients.stream().map(c -> c.endpoint().timeout()).max(Duration::compareTo).orElseThrow()
                .plus(GRACE);
        AtomicInteger threads = new AtomicInteger();
        int size = 4 * clients.size();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "gantry-etcd-check-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    EtcdClusterView read() {
        List<Calls> calls = clients.stream().map(this::start).toList();
        long until = System.nanoTime() + deadline.toNanos();
        List<Reading> readings = new ArrayList<>();
        for (Calls call : calls) {
            readings.add(new Reading(call.client(), outcome(call.health(), until), outcome(call.status(), until),
                    outcome(call.members(), until), outcome(call.alarms(), until)));
        }
        calls.forEach(Calls::cancel);
        return fold(readings);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Calls start(EtcdClient client) {
        return new Calls(client, submit(client::health), submit(client::status), submit(client::memberList),
                submit(client::alarms));
    }

    private <T> CompletableFuture<T> submit(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the etcd check is closed; create a new one", e);
        }
    }

    private static <T> Outcome<T> outcome(CompletableFuture<T> future, long until) {
        try {
            T value = future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Outcome<>(Optional.of(value), "");
        } catch (TimeoutException e) {
            return new Outcome<>(Optional.empty(), "no answer before the check's deadline");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome<>(Optional.empty(), String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GantryException("interrupted while reading etcd", e);
        }
    }

    private EtcdClusterView fold(List<Reading> readings) {
        EtcdMemberList list = readings.stream().flatMap(r -> r.members().value().stream()).findFirst()
                .orElseThrow(() -> noMemberList(readings));
        Set<Long> healthy = new HashSet<>();
        Set<EtcdAlarm> alarms = new LinkedHashSet<>();
        long leader = 0;
        Map<String, String> errors = new LinkedHashMap<>();
        for (Reading reading : readings) {
            OptionalLong id = reading.memberId();
            if (id.isPresent() && reading.health().value().map(EtcdHealth::healthy).orElse(false)) {
                healthy.add(id.getAsLong());
            }
            reading.alarms().value().ifPresent(alarms::addAll);
            if (leader == 0) {
                leader = reading.status().value().map(EtcdStatus::leaderId).orElse(0L);
            }
            reading.firstError().ifPresent(error -> errors.put(url(reading), error));
        }
        log.debug("etcd {}: healthy {}, leader {}, errors {}", list, healthy, Long.toHexString(leader), errors);
        return new EtcdClusterView(list.clusterId(), list.members(), healthy, List.copyOf(alarms), leader, errors);
    }

    private static EtcdException noMemberList(List<Reading> readings) {
        String urls = readings.stream().map(EtcdClusterReader::url).collect(Collectors.joining(", "));
        String why = readings.stream().map(r -> r.members().error()).collect(Collectors.joining("; "));
        return new EtcdException(urls, "no endpoint answered the member list; check that etcd runs and that these are"
                + " its client URLs: " + why, null);
    }

    private static String url(Reading reading) {
        return reading.client().endpoint().url().toString();
    }
}

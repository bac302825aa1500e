package dev.gantry.health.etcd;

import dev.gantry.core.GantryException;
import dev.gantry.core.etcd.EtcdAlarm;
import dev.gantry.core.etcd.EtcdClusterView;
import dev.gantry.core.etcd.EtcdMemberList;
import dev.gantry.core.etcd.EtcdStatus;
import dev.gantry.core.internal.FanOut;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every endpoint's health, status, member list and alarms at once (four calls per endpoint,
 * all in flight together, through {@link FanOut}) and folds the answers into an {@link
 * EtcdClusterView}. Each call is bounded by its endpoint's timeout, and by the longest timeout plus
 * a grace as its deadline, so a read never waits longer than that. Thread-safe; its threads live
 * only while a read runs.
 */
final class EtcdClusterReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdClusterReader.class);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final String TIMED_OUT = "no answer before the check's deadline";

    /** The four calls made to each endpoint, in this order. */
    private static final List<Function<EtcdClient, Object>> CALLS = List.of(EtcdClient::health, EtcdClient::status,
            EtcdClient::memberList, EtcdClient::alarms);

    private final List<EtcdClient> clients;
    private final FanOut fanOut;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One call's outcome: the value, or why there is none. */
    private record Outcome<T>(Optional<T> value, String error) {
    }

    /** One call to make: which request to which endpoint. */
    private record Call(EtcdClient client, Function<EtcdClient, Object> request) {

        Object make() {
            return request.apply(client);
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
        Duration deadline = this.clients.stream().map(c -> c.endpoint().timeout()).max(Duration::compareTo)
                .orElseThrow().plus(GRACE);
        this.fanOut = FanOut.of(CALLS.size() * this.clients.size(), deadline).withThreadName("gantry-etcd-check");
    }

    EtcdClusterView read() {
        if (closed.get()) {
            throw new IllegalStateException("the etcd check is closed; create a new one");
        }
        List<Call> calls = clients.stream().flatMap(client -> CALLS.stream().map(call -> new Call(client, call)))
                .toList();
        List<FanOut.Outcome<Object>> outcomes = fanOut.map(calls, Call::make);
        if (Thread.currentThread().isInterrupted()) {
            throw new GantryException("interrupted while reading etcd");
        }
        return fold(IntStream.range(0, clients.size()).mapToObj(i -> reading(i, outcomes)).toList());
    }

    /** Marks the reader closed; a read in progress still ends within its deadline. */
    @Override
    public void close() {
        closed.set(true);
    }

    private Reading reading(int index, List<FanOut.Outcome<Object>> outcomes) {
        int first = index * CALLS.size();
        return new Reading(clients.get(index), outcome(outcomes.get(first)), outcome(outcomes.get(first + 1)),
                outcome(outcomes.get(first + 2)), outcome(outcomes.get(first + 3)));
    }

    /** Turns a fan-out outcome into a call's outcome; the value's type is fixed by its position in CALLS. */
    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> outcome(FanOut.Outcome<Object> outcome) {
        if (outcome instanceof FanOut.Outcome.Done<Object> done) {
            return new Outcome<>(Optional.of((T) done.value()), "");
        }
        if (outcome instanceof FanOut.Outcome.Failed<Object> failed) {
            return new Outcome<>(Optional.empty(), String.valueOf(failed.cause().getMessage()));
        }
        return new Outcome<>(Optional.empty(), TIMED_OUT);
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

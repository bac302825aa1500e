package dev.gantry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void keepsResultsInInputOrderWhenItemsFinishInReverse() {
        List<Integer> items = IntStream.range(0, 5).boxed().toList();
        List<CountDownLatch> done = items.stream().map(i -> new CountDownLatch(1)).toList();

        List<FanOut.Outcome<String>> outcomes = FanOut.of(5, LONG).map(items, i -> {
            if (i < 4) {
                awaitLatch(done.get(i + 1));
            }
            done.get(i).countDown();
            return "item-" + i;
        });

        assertThat(outcomes).containsExactly(new FanOut.Outcome.Done<>("item-0"), new FanOut.Outcome.Done<>("item-1"),
                new FanOut.Outcome.Done<>("item-2"), new FanOut.Outcome.Done<>("item-3"),
                new FanOut.Outcome.Done<>("item-4"));
    }

    @Test
    void aStuckItemHitsItsDeadlineAndIsInterruptedWhileTheOthersFinish() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();

        List<FanOut.Outcome<String>> outcomes = FanOut.of(3, Duration.ofMillis(200)).map(List.of("a", "stuck", "c"),
                item -> {
                    if (item.equals("stuck")) {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                        }
                    }
                    return item;
                });

        assertThat(outcomes.get(0)).isEqualTo(new FanOut.Outcome.Done<>("a"));
        assertThat(outcomes.get(1)).isEqualTo(new FanOut.Outcome.TimedOut<>(Duration.ofMillis(200)));
        assertThat(outcomes.get(2)).isEqualTo(new FanOut.Outcome.Done<>("c"));
        await().atMost(LONG).untilTrue(interrupted);
    }

    @Test
    void itemsThatCannotStartBeforeTheWholeDeadlineAreReportedNotStarted() {
        AtomicBoolean release = new AtomicBoolean();
        FanOut fanOut = FanOut.of(1, Duration.ofMillis(100)).withThreadName("fan-out-deaf");
        try {
            List<FanOut.Outcome<String>> outcomes = fanOut.map(List.of("deaf", "b", "c"), item -> {
                while (item.equals("deaf") && !release.get()) {
                    LockSupport.parkNanos(1_000_000); // ignores interrupts, as a badly written task would
                }
                return item;
            });

            assertThat(outcomes.get(0)).isEqualTo(new FanOut.Outcome.TimedOut<>(Duration.ofMillis(100)));
            assertThat(outcomes.subList(1, 3)).containsOnly(new FanOut.Outcome.NotStarted<>(fanOut.deadline(3)));
        } finally {
            release.set(true);
        }
    }

    @Test
    void runsOnTheCallersExecutorAndLeavesItRunning() {
        AtomicInteger handedOver = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "callers-pool"));
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<FanOut.Outcome<Integer>> outcomes = FanOut.of(2, LONG)
                    .withExecutor(command -> {
                        handedOver.incrementAndGet();
                        pool.execute(command);
                    })
                    .map(List.of(1, 2, 3, 4), i -> {
                        threads.add(Thread.currentThread().getName());
                        return i * 10;
                    });

            assertThat(outcomes).extracting(o -> ((FanOut.Outcome.Done<Integer>) o).value())
                    .containsExactly(10, 20, 30, 40);
            assertThat(handedOver).hasValue(4);
            assertThat(threads).containsOnly("callers-pool");
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverRunsMoreItemsAtOnceThanItsParallelism() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService wide = Executors.newCachedThreadPool();
        try {
            FanOut.of(2, LONG).withExecutor(wide).map(IntStream.range(0, 20).boxed().toList(), i -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                LockSupport.parkNanos(2_000_000);
                return running.decrementAndGet();
            });

            assertThat(most.get()).isBetween(1, 2);
        } finally {
            wide.shutdownNow();
        }
    }

    @Test
    void leavesNoThreadOfItsOwnBehind() {
        CountDownLatch never = new CountDownLatch(1);

        FanOut.of(4, Duration.ofMillis(100)).withThreadName("fan-out-leak-test").map(List.of(1, 2, 3, 4, 5), i -> {
            if (i == 3) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return i;
        });

        await().atMost(LONG).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("fan-out-leak-test") && t.isAlive()));
    }

    @Test
    void reportsAThrowingItemAsFailedWithItsCause() {
        IllegalStateException boom = new IllegalStateException("boom");

        List<FanOut.Outcome<String>> outcomes = FanOut.of(2, LONG).map(List.of("ok", "bad"), item -> {
            if (item.equals("bad")) {
                throw boom;
            }
            return item;
        });

        assertThat(outcomes).containsExactly(new FanOut.Outcome.Done<>("ok"), new FanOut.Outcome.Failed<>(boom));
    }

    @Test
    void reportsAnItemTheExecutorRejectsAsFailed() {
        List<FanOut.Outcome<String>> outcomes = FanOut.of(1, LONG)
                .withExecutor(command -> {
                    throw new RejectedExecutionException("full");
                })
                .map(List.of("a"), item -> item);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(FanOut.Outcome.Failed.class,
                f -> assertThat(f.cause()).hasMessage("full"));
    }

    @Test
    void returnsNothingForNoItemsAndChecksItsSettings() {
        assertThat(FanOut.of(1, LONG).map(List.of(), i -> i)).isEmpty();
        assertThatThrownBy(() -> FanOut.of(0, LONG)).hasMessage("parallelism must be 1..1024 but was 0");
        assertThatThrownBy(() -> FanOut.of(1, Duration.ZERO)).hasMessage("itemTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> FanOut.of(1, LONG).withExecutor(null)).hasMessage("executor");
        assertThat(FanOut.of(2, Duration.ofSeconds(1)).deadline(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(FanOut.of(1, Duration.ofDays(100_000)).deadline(Integer.MAX_VALUE)).isPositive();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.gantry.health.sidecar;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls a {@code /livez} URL in the background for as long as a test runs and keeps every
 * answer: the status code, or what went wrong when there was none.
 */
final class LivezRecorder implements AutoCloseable {

    private final URI uri;
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "livez-recorder");
        thread.setDaemon(true);
        return thread;
    });

    private LivezRecorder(URI uri) {
        this.uri = uri;
    }

    /**
     * @param uri the {@code /livez} URL
     * @param every the time between the end of one request and the start of the next
     * @return a recorder that has started polling
     */
    static LivezRecorder start(URI uri, Duration every) {
        LivezRecorder recorder = new LivezRecorder(uri);
        recorder.poller.scheduleWithFixedDelay(recorder::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** @return every answer so far: {@code "200"}, {@code "503"}, or the exception of a failed request */
    List<String> answers() {
        return List.copyOf(answers);
    }

    /** Stops polling and waits (at most 10 s) for a request in flight. */
    @Override
    public void close() {
        poller.shutdown();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            answers.add(Integer.toString(HealthAnswer.get(uri).status()));
        } catch (RuntimeException e) {
            answers.add(e.toString());
        }
    }
}

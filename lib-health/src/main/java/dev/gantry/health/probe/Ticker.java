package dev.gantry.health.probe;

import java.util.concurrent.TimeUnit;

/** Where {@link FleetProbe#awaitHealthy} reads the time and waits; replaced in tests. */
interface Ticker {

    /** The system's monotonic clock and {@link Thread#sleep}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    /** Returns a monotonic time in nanoseconds, only meaningful as a difference. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds. */
    void sleep(long nanos) throws InterruptedException;
}

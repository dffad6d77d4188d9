package dev.slipway.runner.exec;

import java.time.Duration;

/** Waits between attempts and before delayed steps; tests swap it to record delays instead of spending them. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}

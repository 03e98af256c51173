package dev.fmnist.ingest.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressMeterTest {

    @Test
    void aLineCarriesCountTotalPercentAndRate() {
        ProgressMeter meter = new ProgressMeter("publish fashion-mnist/train", 60_000, Duration.ofSeconds(2));
        long twoSecondsLater = System.nanoTime() + 2_000_000_000L;

        String line = meter.line(30_000, twoSecondsLater);

        assertThat(line).startsWith("publish fashion-mnist/train: 30,000/60,000 (50.0%), ");
        assertThat(line).matches(".*, 1[45],\\d{3} img/s");
    }
}

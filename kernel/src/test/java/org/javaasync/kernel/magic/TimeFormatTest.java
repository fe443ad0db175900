package org.javaasync.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Times print as IPython's %time prints them. */
class TimeFormatTest {

    @Test
    void timesKeepThreeSignificantDigitsInTheLargestUnitBelowThem() {
        assertEquals("2.01 s", TimeMagic.format(2.0137));
        assertEquals("2 s", TimeMagic.format(2.0));
        assertEquals("12.3 ms", TimeMagic.format(0.012345));
        assertEquals("500 ms", TimeMagic.format(0.5));
        assertEquals("7.5 µs", TimeMagic.format(7.5e-6));
        assertEquals("500 ns", TimeMagic.format(5e-7));
        assertEquals("0 ns", TimeMagic.format(0));
    }

    @Test
    void aMinuteOrMoreIsWrittenInMinutesAndSeconds() {
        assertEquals("1min 15s", TimeMagic.format(75.4));
        assertEquals("1h 1min 1s", TimeMagic.format(3661));
    }

    @Test
    void theReportHasIPythonsTwoLines() {
        assertEquals("CPU times: total: 3.1 ms\nWall time: 2.01 s", TimeMagic.report(3_100_000, 2_010_000_000L));
        assertEquals(
                "CPU times: total: not measurable on this JVM\nWall time: 1 s", TimeMagic.report(-1, 1_000_000_000));
    }
}

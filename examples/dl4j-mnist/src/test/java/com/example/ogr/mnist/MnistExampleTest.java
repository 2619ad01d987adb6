package com.example.ogr.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example on synthetic digits: both ways learn, and both continue bit for bit after a save and restore. */
class MnistExampleTest {

    @TempDir
    Path dir;

    @Test
    void bothWaysLearnAndContinueBitForBitAfterARestore() throws Exception {
        Digits data = Digits.synthetic(2000, 500, 64, 1);
        List<MnistExample.Outcome> outcomes = MnistExample.run(data, 60, 32, dir);
        assertEquals(2, outcomes.size());
        for (MnistExample.Outcome o : outcomes) {
            assertTrue(o.continuedBitForBit(), o.path() + " did not continue bit for bit");
            // ten classes: chance is 0.1; well-separated prototypes are learnt within 60 steps
            assertTrue(o.accuracy() > 0.5, o.path() + " test accuracy " + o.accuracy());
        }
    }
}

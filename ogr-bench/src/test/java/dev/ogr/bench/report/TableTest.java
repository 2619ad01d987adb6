package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table of one column per problem is shown on the page in blocks of at most four problems, each with its rows. */
class TableTest {

    private static Table table(int problems, boolean byColumns) {
        List<String> header = new ArrayList<>(List.of("optimizer"));
        for (int p = 1; p <= problems; p++) {
            header.add("p" + p);
        }
        Table t = new Table("Loss", "the caption", header);
        if (byColumns) {
            t.byColumns();
        }
        for (String o : List.of("sgd", "ogr1d")) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell(o, false)));
            for (int p = 1; p <= problems; p++) {
                row.add(new Table.Cell(o + "@p" + p, p == 3));
            }
            t.row(row);
        }
        return t;
    }

    @Test
    void elevenProblemsMakeBlocksOfFourFourAndThree() {
        List<Table> blocks = table(11, true).pageBlocks();
        assertEquals(3, blocks.size());
        assertEquals(List.of("optimizer", "p1", "p2", "p3", "p4"), blocks.get(0).header());
        assertEquals(List.of("optimizer", "p9", "p10", "p11"), blocks.get(2).header());
        assertEquals("Loss (columns 5–8 of 11)", blocks.get(1).title());
        for (Table b : blocks) {
            assertEquals(2, b.rows().size());
            for (List<Table.Cell> row : b.rows()) {
                assertEquals(b.header().size(), row.size());
                for (int i = 1; i < row.size(); i++) {
                    assertEquals(row.get(0).text() + "@" + b.header().get(i), row.get(i).text());
                }
            }
        }
        assertEquals(true, blocks.get(0).rows().get(0).get(3).strong()); // p3 stays bold
        assertEquals(true, blocks.get(0).markdown().contains("the caption"));
        assertEquals(false, blocks.get(1).markdown().contains("the caption"));
    }

    @Test
    void aNarrowOrOrdinaryTableStaysWhole() {
        Table narrow = table(4, true);
        assertSame(narrow, narrow.pageBlocks().get(0));
        assertEquals(1, narrow.pageBlocks().size());
        Table wide = table(12, false);
        assertEquals(List.of(wide), wide.pageBlocks());
    }
}

package dev.ogr.bench;

import dev.ogr.api.OutsideRule;
import dev.ogr.core.outside.FirstOrderOutside;
import dev.ogr.core.outside.NotebookOutside;

/** The outside rule the tests name by its recipe name, with the notebooks' parameters where it has them. */
final class TestOutsideRules {

    private TestOutsideRules() {
    }

    static OutsideRule of(String name, double beta, double blend, double cut, String inside) {
        return switch (name) {
            case "descent" -> FirstOrderOutside.DESCENT;
            case "none" -> FirstOrderOutside.NONE;
            case "momentum" -> NotebookOutside.momentum(beta, inside);
            case "dogr" -> NotebookOutside.dogr(beta, blend, cut, inside);
            default -> throw new IllegalArgumentException("no outside rule '" + name + "'");
        };
    }
}

package dev.ogr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Parameters#inOrder}: a strategy's constructor arguments checked against its specs, printed canonically. */
class ParametersTest {

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.real("alpha", 1, 0, false, 10, true, "a fraction"),
            ParameterSpec.integer("period", 10, 1, 1000, "a period"),
            ParameterSpec.choice("shape", "sign", List.of("sign", "tanh"), "a shape"));

    @Test
    void acceptsValuesInSpecOrderAndPrintsThemCanonically() {
        Parameters p = Parameters.inOrder(SPECS, "step 'demo'", 0.5, 20, "tanh");
        assertEquals(0.5, p.real("alpha"));
        assertEquals(20, p.integer("period"));
        assertEquals("alpha=0.5, period=20, shape=tanh", p.canonical());
    }

    @Test
    void refusesAnOutOfRangeValueNamingTheParameterAndItsRange() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Parameters.inOrder(SPECS, "step 'demo'", 0.0, 20, "tanh"));
        assertEquals("parameter 'alpha' of step 'demo' must be " + SPECS.get(0).range() + ", got 0.0", e.getMessage());
    }

    @Test
    void refusesAValueOfTheWrongType() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Parameters.inOrder(SPECS, "step 'demo'", 0.5, 2.5, "tanh"));
        assertEquals("parameter 'period' of step 'demo' must be " + SPECS.get(1).range() + ", got 2.5", e.getMessage());
    }

    @Test
    void refusesTheWrongNumberOfValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.inOrder(SPECS, "step 'demo'", 0.5));
        assertEquals("step 'demo' has 3 parameters [alpha, period, shape], got 1 values", e.getMessage());
    }
}

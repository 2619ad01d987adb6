package dev.ogr.core;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.Preset;
import dev.ogr.core.baselines.AdamWStep;
import dev.ogr.core.schedule.Schedules;
import dev.ogr.core.baselines.DAdaptAdamStep;
import dev.ogr.core.baselines.DAdaptSgdStep;
import dev.ogr.core.baselines.DogStep;
import dev.ogr.core.baselines.ProdigyStep;
import dev.ogr.core.baselines.ScheduleFreeStep;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.core.outside.FirstOrderOutside;
import dev.ogr.core.outside.NotebookOutside;
import dev.ogr.core.averages.DualAverages;
import dev.ogr.core.averages.FullAverages;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.averages.NoAverages;
import dev.ogr.core.steps.ClippedParabolaStep;
import dev.ogr.core.steps.ConfidenceEtaStep;
import dev.ogr.core.steps.FirstOrderSteps;
import dev.ogr.core.steps.NewtonFloorStep;
import dev.ogr.core.steps.RatioCappedStep;
import dev.ogr.core.steps.SaddleFreeNewtonStep;
import dev.ogr.core.steps.SigmaRatioStep;
import java.util.List;

/**
 * The core's plugin: the average trackers and step rules, and the presets of the algorithms of the sources
 * (whose direction providers and learning-rate learners come from the {@code ogr-directions} and
 * {@code ogr-lr-learners} plugins).
 */
public final class CorePlugin implements OgrPlugin {

    /** The recipe of paper 1's OGR1d (Alg. 1–5). */
    public static final String OGR1D = "direction=momentum(beta=0.9); averages=plain(beta=0.9); "
            + "step=parabola-clipped(alpha=1, clip=0.5, negative=reverse); outside=descent; lr=fixed(eta=0.01); "
            + "warmup=5";

    /**
     * The recipe of the notebooks' sOGR: full OGR in a d = 4 subspace, a momentum step outside. Inside it divides the
     * latest gradient ({@code inside=gradient}); the notebooks divide the momentum ({@code inside=momentum}), which
     * measured worse on their own test functions (docs/recipes.md, "Presets").
     */
    public static final String SOGR = "direction=online-pca(d=4, rule=oja, rate=0.1, seed=1); averages=full(beta=0.9); "
            + "step=sfn(alpha=1, clip=0.5, floor=0.1); outside=momentum(beta=0.9, inside=gradient); lr=fixed(eta=0.01); "
            + "warmup=5";

    /**
     * What makes the presets that diverged at their defaults from the quick suite's steepest starts (Rosenbrock,
     * Goldstein-Price) robust: a cap of length 1 on each step (option {@code max-step}, docs/recipes.md). It changes
     * nothing where steps are shorter; the sources' form is the same recipe with {@code max-step=0}.
     */
    public static final String ROBUST = "; max-step=1";

    /** The note the robust presets carry in {@code ./ogr list}. */
    public static final String ROBUST_NOTE = "; steps capped at length 1 (max-step=1, the robust default; the source's"
            + " form: max-step=0)";

    @Override
    public String id() {
        return "ogr-core";
    }

    @Override
    public void register(StrategyRegistrar r) {
        registerAverages(r);
        registerSteps(r);
        registerOutside(r);
        registerPresets(r);
        registerParameterFree(r);
        registerSchedules(r);
    }

    private static void registerSchedules(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.SCHEDULE, "warmup",
                "linear warm-up: factor (t + 1)/steps over the first steps, then 1", Schedules.WARMUP_PARAMETERS,
                p -> Schedules.warmup(p.integer("steps"))));
        r.strategy(StrategyFactory.of(StrategyKind.SCHEDULE, "cosine",
                "cosine decay (Loshchilov & Hutter's SGDR, one cycle) from 1 to final at step steps, after a linear"
                        + " warm-up", Schedules.COSINE_PARAMETERS,
                p -> Schedules.cosine(p.integer("steps"), p.integer("warmup"), p.real("final"))));
        r.strategy(StrategyFactory.of(StrategyKind.SCHEDULE, "step-decay",
                "step decay: factor^floor((t - warmup)/every) after a linear warm-up", Schedules.STEP_DECAY_PARAMETERS,
                p -> Schedules.stepDecay(p.integer("every"), p.real("factor"), p.integer("warmup"))));
    }

    /** The parameter-free baselines and AdamW (docs/baselines.md): step rules over coordinates, and their presets. */
    private static void registerParameterFree(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "prodigy",
                "Prodigy (Mishchenko & Defazio 2024): Adam at step d*eta, d an estimate of the distance to the solution",
                ProdigyStep.PARAMETERS,
                p -> new ProdigyStep(p.real("beta1"), p.real("beta2"), p.real("beta3"), p.real("epsilon"),
                        p.real("d0"), p.real("coefficient"), p.real("growth"), p.real("decay"),
                        p.flag("bias-correction"), p.flag("safeguard"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "dadapt-adam",
                "D-Adaptation Adam, v3 (Defazio & Mishchenko 2023): Adam at step d*eta, d a lower bound of the distance",
                DAdaptAdamStep.PARAMETERS,
                p -> new DAdaptAdamStep(p.real("beta1"), p.real("beta2"), p.real("epsilon"), p.real("d0"),
                        p.real("growth"), p.real("decay"), p.flag("decouple"), p.flag("bias-correction"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "dadapt-sgd",
                "D-Adaptation SGD, v3 (Defazio & Mishchenko 2023): dual averaging at step d*eta/|g0|",
                DAdaptSgdStep.PARAMETERS,
                p -> new DAdaptSgdStep(p.real("momentum"), p.real("d0"), p.real("growth"), p.real("decay"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "dog",
                "DoG (Ivgi, Hinder & Carmon 2023): SGD at step max distance from x0 / sqrt(sum of |g|^2)",
                DogStep.PARAMETERS,
                p -> new DogStep(p.real("reps"), p.real("epsilon"), p.real("init-eta"), p.real("decay"),
                        p.choice("average"), p.real("gamma"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "schedule-free-sgd",
                "Schedule-Free SGD (Defazio et al. 2024): gradient at y = beta*x + (1-beta)*z, x the average of z",
                ScheduleFreeStep.SGD_PARAMETERS,
                p -> ScheduleFreeStep.sgd(p.real("beta"), p.integer("warmup"), p.real("r"), p.real("weight-power"),
                        p.real("decay"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "schedule-free-adamw",
                "Schedule-Free AdamW (Defazio et al. 2024): Adam-scaled z steps, gradient at y, evaluated at x",
                ScheduleFreeStep.ADAMW_PARAMETERS,
                p -> ScheduleFreeStep.adamw(p.real("beta1"), p.real("beta2"), p.real("epsilon"), p.integer("warmup"),
                        p.real("r"), p.real("weight-power"), p.real("decay"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "adamw",
                "AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay x <- x*(1 - eta*lambda)",
                AdamWStep.PARAMETERS,
                p -> new AdamWStep(p.real("beta1"), p.real("beta2"), p.real("epsilon"), p.real("decay"))));
        String coordinates = "direction=coordinates; averages=none; step=";
        r.preset(new Preset("prodigy", coordinates + "prodigy; lr=fixed(eta=1)",
                "parameter-free baseline: Prodigy (Mishchenko & Defazio, ICML 2024), the authors' defaults"));
        r.preset(new Preset("dadapt-adam", coordinates + "dadapt-adam; lr=fixed(eta=1)",
                "parameter-free baseline: D-Adaptation Adam v3 (Defazio & Mishchenko, ICML 2023), the authors' defaults"));
        r.preset(new Preset("dadapt-sgd", coordinates + "dadapt-sgd; lr=fixed(eta=1)",
                "parameter-free baseline: D-Adaptation SGD v3 (Defazio & Mishchenko, ICML 2023), the authors' defaults"));
        r.preset(new Preset("dog", coordinates + "dog; lr=fixed(eta=1)",
                "parameter-free baseline: DoG (Ivgi, Hinder & Carmon, ICML 2023), the authors' defaults; evaluated at"
                        + " the last iterate (dog(average=polynomial) for the averaged one)"));
        r.preset(new Preset("dog-avg", coordinates + "dog(average=polynomial); lr=fixed(eta=1)",
                "parameter-free baseline: DoG evaluated at its polynomial-decay average (gamma = 8), as its authors"
                        + " recommend"));
        r.preset(new Preset("schedule-free-sgd", coordinates + "schedule-free-sgd; lr=fixed(eta=1)",
                "parameter-free baseline: Schedule-Free SGD (Defazio et al., NeurIPS 2024), the authors' defaults"));
        r.preset(new Preset("schedule-free-adamw", coordinates + "schedule-free-adamw; lr=fixed(eta=0.0025)",
                "parameter-free baseline: Schedule-Free AdamW (Defazio et al., NeurIPS 2024; AlgoPerf 2024"
                        + " self-tuning winner), the authors' defaults"));
        r.preset(new Preset("adamw", coordinates + "adamw; lr=fixed(eta=0.001)",
                "baseline: AdamW (Loshchilov & Hutter, ICLR 2019), PyTorch's defaults"));
    }

    private static void registerOutside(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.OUTSIDE, "descent",
                "paper 1: a gradient-descent step -eta*(g - VV'g) at the learning rate outside the modelled subspace",
                List.of(), p -> FirstOrderOutside.DESCENT));
        r.strategy(StrategyFactory.of(StrategyKind.OUTSIDE, "none", "no step outside the modelled subspace",
                List.of(), p -> FirstOrderOutside.NONE));
        r.strategy(StrategyFactory.of(StrategyKind.OUTSIDE, "momentum",
                "notebooks, sOGR: a momentum step -eta*m outside the subspace, m += (1 - beta)(g - m) per coordinate",
                NotebookOutside.MOMENTUM_PARAMETERS, p -> NotebookOutside.momentum(p.real("beta"), p.choice("inside"))));
        r.strategy(StrategyFactory.of(StrategyKind.OUTSIDE, "dogr",
                "notebooks, dsOGR: the momentum step blended with the diagonal dOGR step -m/max(|cov/var theta|, cut)",
                NotebookOutside.DOGR_PARAMETERS, p -> NotebookOutside.dogr(p.real("beta"), p.real("blend"),
                        p.real("cut"), p.choice("inside"))));
    }

    private static void registerAverages(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "plain",
                "paper 1's bias-corrected moving averages of x and g, their variances and covariance (eq. 2)",
                MovingAverages.PARAMETERS, p -> new MovingAverages(MovingAverages.Mode.PLAIN, p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "centered",
                "paper 1's Alg. 7: plain averages of positions from a centre that moves to the current point"
                        + " before each rotation",
                MovingAverages.PARAMETERS, p -> new MovingAverages(MovingAverages.Mode.CENTERED, p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "notebook",
                "the notebooks' averages: no bias correction, variances start at 1, updated about the new means",
                MovingAverages.PARAMETERS, p -> new MovingAverages(MovingAverages.Mode.NOTEBOOK, p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "full",
                "full k x k averages in a subspace; H from the Lyapunov equation H.Sxx + Sxx.H = Syx + Syx', model in"
                        + " H's eigenbasis (paper 1, Sec. IV.C; the notebooks' full OGR)",
                FullAverages.PARAMETERS, p -> new FullAverages(p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "dual",
                "paper 1's Alg. 6 (safe): two sets of averages of kind 'of', the model read from the older, swapped"
                        + " every 'period' observations (the older is reset and becomes the newer)",
                DualAverages.PARAMETERS, p -> new DualAverages(p.real("beta"), p.integer("period"), p.choice("of"))));
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "none",
                "no regression, only the latest gradient (for the first-order baselines)", List.of(),
                p -> new NoAverages()));
    }

    private static void registerSteps(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "parabola-clipped",
                "paper 1's clipped step to the modelled minimum, alpha*sign(lambda)*C(p - x) (Alg. 1-5), or with"
                        + " tanh(lambda/scale) in place of sign(lambda)",
                ClippedParabolaStep.PARAMETERS,
                p -> new ClippedParabolaStep(p.real("alpha"), p.real("clip"), p.choice("negative"), p.choice("shape"),
                        p.real("scale"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "sigma-ratio",
                "paper 1's ASGD rate max(sigma_theta/(sigma_g + eps), floor) per coordinate (eq. 5-9, Alg. 8)",
                SigmaRatioStep.PARAMETERS,
                p -> new SigmaRatioStep(p.real("alpha"), p.real("floor"), p.real("epsilon"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "confidence-eta",
                "paper 1's ASGDc step g/(|lambda| + gamma*sqrt(nu/var theta)) with residual noise nu (Alg. 9, eq. 13)",
                ConfidenceEtaStep.PARAMETERS,
                p -> new ConfidenceEtaStep(p.real("alpha"), p.real("gamma"), p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "sfn",
                "saddle-free Newton with the current gradient, C(g/max(|lambda|, floor))",
                SaddleFreeNewtonStep.PARAMETERS,
                p -> new SaddleFreeNewtonStep(p.real("alpha"), p.real("clip"), p.real("floor"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "newton-floor",
                "the notebooks' dOGR/idOGR step m/max(div*|lambda|, cut) with a momentum m",
                NewtonFloorStep.PARAMETERS,
                p -> new NewtonFloorStep(p.choice("curvature"), p.real("div"), p.real("cut"), p.real("momentum"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "ratio-capped",
                "the notebooks' cdOGR step eta*min(sqrt(var theta/(var g + eps)), cap)*m",
                RatioCappedStep.PARAMETERS,
                p -> new RatioCappedStep(p.real("cap"), p.real("epsilon"), p.real("momentum"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "heavy-ball",
                "Polyak momentum v <- beta*v + g, step -eta*v", FirstOrderSteps.MOMENTUM_PARAMETERS,
                p -> new FirstOrderSteps.Momentum(p.real("beta"), false)));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "nesterov",
                "Nesterov momentum v <- beta*v + g, step -eta*(g + beta*v)", FirstOrderSteps.MOMENTUM_PARAMETERS,
                p -> new FirstOrderSteps.Momentum(p.real("beta"), true)));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "adam",
                "Adam: bias-corrected moments, step -eta*m/(sqrt(v) + eps)", FirstOrderSteps.ADAM_PARAMETERS,
                p -> new FirstOrderSteps.Adam(p.real("beta1"), p.real("beta2"), p.real("epsilon"))));
    }

    private static void registerPresets(StrategyRegistrar r) {
        r.preset(new Preset("ogr1d", OGR1D + ROBUST,
                "paper 1, Alg. 1-5: momentum direction, plain averages, clipped parabola step with SFN sign,"
                        + " gradient descent in the remaining directions, 5 warm-up steps" + ROBUST_NOTE));
        r.preset(new Preset("ogr1dc", OGR1D.replace("averages=plain", "averages=centered") + ROBUST,
                "paper 1, Alg. 7: ogr1d with the centred rotation of the averages" + ROBUST_NOTE));
        r.preset(new Preset("ogr1ds", OGR1D.replace("averages=plain(beta=0.9)",
                "averages=dual(beta=0.9, period=10, of=plain)") + ROBUST,
                "paper 1, Alg. 6 (safe): ogr1d with two sets of averages, the model from the older, swapped every"
                        + " 10 steps" + ROBUST_NOTE));
        r.preset(new Preset("asgd", "direction=coordinates; averages=plain(beta=0.9); "
                + "step=sigma-ratio(alpha=1, floor=1e-6, epsilon=1e-12); lr=fixed(eta=0.01)" + ROBUST,
                "paper 1, Alg. 8: per-coordinate rate sigma_theta/sigma_g with floor and epsilon" + ROBUST_NOTE));
        r.preset(new Preset("asgdc", "direction=coordinates; averages=plain(beta=0.9); "
                + "step=confidence-eta(alpha=1, gamma=1, beta=0.9); lr=fixed(eta=0.01)",
                "paper 1, Alg. 9: per-coordinate |lambda| with confidence level gamma on the residual noise"));
        r.preset(new Preset("dogr", "direction=coordinates; averages=notebook(beta=0.9); "
                + "step=newton-floor(curvature=slope, div=1, cut=0, momentum=0.9); lr=fixed(eta=0.1)",
                "notebooks, dOGR: diagonal regression slope, m/max(div*|dg.theta/dtheta.theta|, cut), cut = 1/eta"));
        r.preset(new Preset("idogr", "direction=coordinates; averages=notebook(beta=0.9); "
                + "step=newton-floor(curvature=sigma, div=1, cut=0, momentum=0.9); lr=fixed(eta=0.1)",
                "notebooks, idOGR: diagonal corr = 1 curvature, m/max(div*sqrt(dgg/dtheta.theta), cut), cut = 1/eta"));
        r.preset(new Preset("cdogr", "direction=coordinates; averages=notebook(beta=0.9); "
                + "step=ratio-capped(cap=10, epsilon=1e-12, momentum=0.9); lr=fixed(eta=0.5)",
                "notebooks, cdOGR: eta*min(sqrt(dtheta.theta/(dgg + eps)), cap)*m"));
        r.preset(new Preset("ogr-pca", "direction=online-pca(d=4, rule=oja, rate=0.1, seed=1); averages=full(beta=0.9); "
                + "step=parabola-clipped(alpha=1, clip=0.5, negative=reverse); outside=descent; lr=fixed(eta=0.01); "
                + "warmup=5" + ROBUST,
                "paper 1, Sec. IV.C: d = 4 online-PCA subspace, full averages with the Lyapunov Hessian, clipped"
                        + " parabola steps along its eigenvectors, gradient descent outside" + ROBUST_NOTE));
        r.preset(new Preset("full-ogr", "direction=online-pca(d=0, rule=oja, rate=0, seed=1); averages=full(beta=0.9); "
                + "step=sfn(alpha=1, clip=0.5, floor=0.1); outside=none; lr=fixed(eta=0.01); warmup=3" + ROBUST,
                "notebooks, full OGR for small problems (D <= 64): Lyapunov Hessian of all dimensions, steps"
                        + " -g/max(|lambda|, floor) along its eigenvectors (|lambda| repels saddles); the notebooks'"
                        + " -m/max(|lambda|, floor): add outside=momentum(inside=momentum)" + ROBUST_NOTE));
        r.preset(new Preset("sogr", SOGR + ROBUST,
                "notebooks, sOGR: full OGR (Lyapunov Hessian, -g/max(|lambda|, floor)) in a d = 4 subspace"
                        + " V <- orth(V + rate*g^(g^'V)), a momentum step -eta*m outside it" + ROBUST_NOTE));
        r.preset(new Preset("dsogr", SOGR.replace("outside=momentum(beta=0.9, inside=gradient)",
                "outside=dogr(beta=0.9, blend=0.5, cut=0, inside=gradient)") + ROBUST,
                "notebooks, dsOGR: sOGR with the outside step blended with the diagonal dOGR step,"
                        + " -(1-w)*eta*m - w*m/max(|cov/var theta|, cut), w = 0.5, cut = 1/eta" + ROBUST_NOTE));
        r.preset(new Preset("sgd", "lr=fixed(eta=0.01)", "plain stochastic gradient descent, theta -= eta*g"));
        r.preset(new Preset("momentum", "direction=coordinates; averages=none; step=heavy-ball(beta=0.9); "
                + "lr=fixed(eta=0.01)", "baseline: SGD with heavy-ball momentum"));
        r.preset(new Preset("nesterov", "direction=coordinates; averages=none; step=nesterov(beta=0.9); "
                + "lr=fixed(eta=0.01)", "baseline: SGD with Nesterov momentum"));
        r.preset(new Preset("adam", "direction=coordinates; averages=none; "
                + "step=adam(beta1=0.9, beta2=0.999, epsilon=1e-8); lr=fixed(eta=0.001)", "baseline: Adam"));
    }
}

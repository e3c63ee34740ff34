namespace FluentNets.Training;

/// <summary>An optimiser and its hyper-parameters; the backend builds the real one.</summary>
public abstract record Optimizer
{
    private protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The base learning rate (before the schedule).</summary>
    public double LearningRate { get; init; }

    /// <summary>
    /// Keras's learning-rate decay per step: step t (counted from 0 over the whole run) uses
    /// <c>rate / (1 + Decay * t)</c>, the rate being the schedule's for the epoch. 0 turns it off.
    /// </summary>
    public double Decay { get; init; }

    /// <summary>The rate step <paramref name="iteration"/> uses, from the schedule's rate for its epoch.</summary>
    public double DecayedRate(double scheduledRate, long iteration) => scheduledRate / (1 + Decay * iteration);

    /// <summary>
    /// Stochastic gradient descent with optional (Nesterov) momentum, L2 weight decay and Keras's
    /// learning-rate <paramref name="decay"/> (<c>SGD(lr, momentum, decay)</c>: <c>lr / (1 + decay * iterations)</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">decay is negative or not finite.</exception>
    public static Optimizer Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0, double decay = 0)
    {
        if (!(decay >= 0) || double.IsInfinity(decay))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "expected a decay of 0 or more.");
        }

        return new SgdOptimizer(learningRate, momentum, nesterov, weightDecay) { Decay = decay };
    }

    /// <summary>Adam (Kingma and Ba) with Keras's defaults.</summary>
    public static Optimizer Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) =>
        new AdamOptimizer(learningRate, beta1, beta2, epsilon, WeightDecay: 0, Decoupled: false);

    /// <summary>AdamW: Adam with decoupled weight decay (Loshchilov and Hutter).</summary>
    public static Optimizer AdamW(double learningRate = 1e-3, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) =>
        new AdamOptimizer(learningRate, beta1, beta2, epsilon, weightDecay, Decoupled: true);

    /// <summary>The optimiser for a CLI name: <c>sgd</c>, <c>adam</c> or <c>adamw</c>.</summary>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static Optimizer Parse(string name, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Optimizer optimizer = name.ToLowerInvariant() switch
        {
            "sgd" => Sgd(momentum: 0.9),
            "adam" => Adam(),
            "adamw" => AdamW(),
            _ => throw new ArgumentException($"unknown optimizer '{name}'. Accepted: sgd, adam, adamw."),
        };
        if (learningRate is { } lr)
        {
            if (!(lr > 0) || double.IsInfinity(lr))
            {
                throw new ArgumentException($"the learning rate must be positive. Received: {lr}.");
            }

            optimizer = optimizer with { LearningRate = lr };
        }

        return optimizer;
    }
}

/// <summary>SGD.</summary>
/// <param name="Rate">Learning rate.</param>
/// <param name="Momentum">Momentum, 0 for plain SGD.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient.</param>
public sealed record SgdOptimizer(double Rate, double Momentum, bool Nesterov, double WeightDecay) : Optimizer(Rate);

/// <summary>Adam or AdamW.</summary>
/// <param name="Rate">Learning rate.</param>
/// <param name="Beta1">First-moment decay.</param>
/// <param name="Beta2">Second-moment decay.</param>
/// <param name="Epsilon">Denominator guard.</param>
/// <param name="WeightDecay">Weight decay.</param>
/// <param name="Decoupled">True for AdamW's decoupled decay.</param>
public sealed record AdamOptimizer(double Rate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool Decoupled) : Optimizer(Rate);

namespace FluentNets.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public abstract record LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The base rate throughout.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>The rate times <paramref name="gamma"/> every <paramref name="everyEpochs"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">everyEpochs is not positive or gamma is not in (0, 1].</exception>
    public static LearningRateSchedule Step(int everyEpochs, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(everyEpochs);
        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        return new StepSchedule(everyEpochs, gamma);
    }

    /// <summary>Cosine annealing from the base rate to <paramref name="minimum"/> over <paramref name="epochs"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">epochs is not positive or minimum is negative.</exception>
    public static LearningRateSchedule Cosine(int epochs, double minimum = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        return new CosineSchedule(epochs, minimum);
    }

    /// <summary>The rate for a zero-based epoch.</summary>
    public abstract double RateAt(int epoch, double baseRate);

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override double RateAt(int epoch, double baseRate) => baseRate;
    }

    private sealed record StepSchedule(int EveryEpochs, double Gamma) : LearningRateSchedule
    {
        public override double RateAt(int epoch, double baseRate) => baseRate * Math.Pow(Gamma, epoch / EveryEpochs);
    }

    private sealed record CosineSchedule(int Epochs, double Minimum) : LearningRateSchedule
    {
        public override double RateAt(int epoch, double baseRate) =>
            Minimum + (baseRate - Minimum) * (1 + Math.Cos(Math.PI * Math.Min(epoch, Epochs) / Epochs)) / 2;
    }
}

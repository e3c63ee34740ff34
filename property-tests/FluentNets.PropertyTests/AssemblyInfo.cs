using FluentNets.PropertyTests;

[assembly: PropertyRuns]

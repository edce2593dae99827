namespace Harness.Scoring.Tests;

/// <summary>Every fixture of this project is either fast or soak (tests/Harness.TestSupport/Categories).</summary>
[Fast]
public sealed class SpeedCategoryTests : SpeedCategoryCheck;

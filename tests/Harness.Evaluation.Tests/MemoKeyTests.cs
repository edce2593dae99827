using Harness.Evaluation.Core;

namespace Harness.Evaluation.Tests;

/// <summary>The example memo's keys are typed: a quantity is shared exactly when its type, its settings and its cell are equal.</summary>
[TestFixture]
[Fast]
public sealed class MemoKeyTests
{
    private sealed record Quantity(int Setting) : MemoKey;

    private sealed record OtherQuantity(int Setting) : MemoKey;

    private static readonly CellKey Cell = new(0x1234, 5, "7,8", 0, 5, "tokens");

    [Test]
    public void Equal_settings_of_one_quantity_in_one_cell_share_one_value()
    {
        var memo = new ExampleMemo();
        var computed = 0;

        var first = memo.GetOrAdd(new CellQuantity(new Quantity(1), Cell), () => ++computed);
        var again = memo.GetOrAdd(new CellQuantity(new Quantity(1), Cell with { }), () => ++computed);

        Assert.Multiple(() =>
        {
            Assert.That((first, again, computed), Is.EqualTo((1, 1, 1)));
            Assert.That(memo.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Another_setting_quantity_or_cell_is_another_value()
    {
        var memo = new ExampleMemo();

        memo.GetOrAdd(new CellQuantity(new Quantity(1), Cell), () => 1);
        memo.GetOrAdd(new CellQuantity(new Quantity(2), Cell), () => 2);
        memo.GetOrAdd(new CellQuantity(new OtherQuantity(1), Cell), () => 3);
        memo.GetOrAdd(new CellQuantity(new Quantity(1), Cell with { Target = "7" }), () => 4);
        memo.GetOrAdd(new CellQuantity(new Quantity(1), Cell with { RegionStart = 1, RegionLength = 4 }), () => 5);

        Assert.That(memo.Count, Is.EqualTo(5));
    }

    [Test]
    public void A_cell_key_prints_as_context_target_region_and_sources() =>
        Assert.That(Cell.ToString(), Is.EqualTo("context=0000000000001234+5;target=7,8;region=0+5;sources=tokens"));
}

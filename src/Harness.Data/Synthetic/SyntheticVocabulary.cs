namespace Harness.Data.Synthetic;

/// <summary>
/// The closed vocabulary of the synthetic tasks: every word a generator can emit is listed here, and
/// nowhere else, so a WordLevel tokenizer for a tiny trained model can be built from
/// <see cref="Words"/> plus <see cref="Punctuation"/>. Everything is lower case (the tokenizer needs no
/// normaliser) and prompts separate every token by whitespace. Lexicons that decide answers are
/// disjoint within their task, so an answer is a function of its evidence words.
/// </summary>
public static class SyntheticVocabulary
{
    /// <summary>Punctuation tokens, each written as a token of its own.</summary>
    public static readonly IReadOnlyList<string> Punctuation = [".", ",", "?", ":", "(", ")"];

    /// <summary>long_range_agreement's place -> capital relation (antecedents and targets disjoint from the other relations').</summary>
    public static readonly IReadOnlyList<WordPair> PlaceCapitals =
    [
        new("france", "paris"), new("germany", "berlin"), new("italy", "rome"), new("spain", "madrid"),
        new("greece", "athens"), new("egypt", "cairo"), new("japan", "tokyo"), new("china", "beijing"),
        new("russia", "moscow"), new("norway", "oslo"), new("sweden", "stockholm"), new("finland", "helsinki"),
        new("poland", "warsaw"), new("austria", "vienna"), new("portugal", "lisbon"), new("ireland", "dublin"),
        new("kenya", "nairobi"), new("peru", "lima"), new("canada", "ottawa"), new("cuba", "havana"),
        new("tennessee", "nashville"), new("texas", "austin"), new("ohio", "columbus"), new("colorado", "denver"),
        new("arizona", "phoenix"),
    ];

    /// <summary>long_range_agreement's noun -> plural relation.</summary>
    public static readonly IReadOnlyList<WordPair> NounPlurals =
    [
        new("cat", "cats"), new("dog", "dogs"), new("bird", "birds"), new("horse", "horses"),
        new("apple", "apples"), new("box", "boxes"), new("child", "children"), new("mouse", "mice"),
        new("goose", "geese"), new("knife", "knives"), new("leaf", "leaves"), new("wolf", "wolves"),
        new("fox", "foxes"), new("cherry", "cherries"), new("frog", "frogs"), new("duck", "ducks"),
    ];

    /// <summary>long_range_agreement's verb -> past tense relation.</summary>
    public static readonly IReadOnlyList<WordPair> VerbPasts =
    [
        new("walk", "walked"), new("run", "ran"), new("swim", "swam"), new("sing", "sang"),
        new("eat", "ate"), new("drive", "drove"), new("sleep", "slept"), new("speak", "spoke"),
        new("dance", "danced"), new("cook", "cooked"), new("paint", "painted"), new("jump", "jumped"),
        new("climb", "climbed"), new("write", "wrote"), new("draw", "drew"), new("ride", "rode"),
    ];

    /// <summary>key_value_recall's keys: the items whose price a fact states.</summary>
    public static readonly IReadOnlyList<string> Items =
        ["lamp", "chair", "drum", "kite", "ring", "shoe", "coin", "bell", "book", "cup", "hat", "pen", "clock", "vase", "sofa", "bike"];

    /// <summary>key_value_recall's values: the prices, as words.</summary>
    public static readonly IReadOnlyList<string> Numbers =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>keyword_sentiment's positive lexicon: these decide a positive label.</summary>
    public static readonly IReadOnlyList<string> PositiveWords =
        ["good", "great", "wonderful", "brilliant", "charming", "delightful", "superb", "beautiful", "funny", "clever"];

    /// <summary>keyword_sentiment's negative lexicon: these decide a negative label.</summary>
    public static readonly IReadOnlyList<string> NegativeWords =
        ["bad", "awful", "boring", "dull", "terrible", "weak", "messy", "silly", "ugly", "painful"];

    /// <summary>keyword_sentiment's distractor adjectives, which never decide the label.</summary>
    public static readonly IReadOnlyList<string> NeutralAdjectives =
        ["long", "short", "new", "old", "simple", "quiet", "loud", "familiar", "modern", "french"];

    /// <summary>keyword_sentiment's nouns that the adjectives describe.</summary>
    public static readonly IReadOnlyList<string> ReviewNouns =
        ["film", "acting", "story", "music", "ending", "plot", "cast", "script", "camera", "dialogue"];

    /// <summary>multi_passage_qa's people, one per passage.</summary>
    public static readonly IReadOnlyList<string> People =
        ["anna", "ben", "clara", "david", "emma", "frank", "grace", "henry", "iris", "jack", "kate", "leo", "maria", "nick", "olga", "peter"];

    /// <summary>multi_passage_qa's values of "lives in".</summary>
    public static readonly IReadOnlyList<string> Cities =
        ["london", "boston", "chicago", "sydney", "toronto", "lagos", "mumbai", "seattle", "dallas", "munich", "milan", "osaka"];

    /// <summary>multi_passage_qa's values of "works as a".</summary>
    public static readonly IReadOnlyList<string> Jobs =
        ["baker", "doctor", "teacher", "farmer", "pilot", "lawyer", "nurse", "painter", "driver", "singer", "writer", "chef"];

    /// <summary>multi_passage_qa's values of "has a pet".</summary>
    public static readonly IReadOnlyList<string> Pets =
        ["parrot", "rabbit", "hamster", "turtle", "goldfish", "lizard", "pony", "snake", "ferret", "canary"];

    /// <summary>The words of the generators' fixed sentences (templates, distractors, questions).</summary>
    public static readonly IReadOnlyList<string> TemplateWords =
    [
        // long_range_agreement frames and distractors
        "when", "my", "flight", "landed", "in", "i", "changed", "money", "and", "slowly", "fell", "asleep",
        "was", "staying", "the", "capital", "last", "year", "sister", "moved", "to", "for", "a", "job",
        "now", "she", "lives", "this", "morning", "saw", "garden", "by", "evening", "there", "were", "many",
        "uncle", "once", "gave", "me", "as", "gift", "he", "every", "like", "before", "breakfast", "but",
        "yesterday", "friends", "often", "park", "week", "we",
        "had", "terrifying", "dream", "about", "grandmother", "that", "is", "another", "time",
        "weather", "cold", "streets", "stranger", "on", "train", "told", "his", "work", "could", "not",
        "find", "keys", "an", "hour", "coffee", "warm", "bread", "fresh", "phone", "battery", "died", "noon",
        "talked", "until", "late", "at", "night", "radio", "kitchen", "played", "song", "someone", "knocked",
        "door", "twice", "small", "painting", "wall", "neighbours", "all", "sent", "note", "brother",
        // key_value_recall
        "costs", "how", "much", "does", "cost",
        // keyword_sentiment
        "review", "reply", "positive", "or", "negative", "answer", "watched", "cinema", "friend", "rented",
        // multi_passage_qa
        "works", "has", "pet", "question", "where", "live", "what", "have",
    ];

    /// <summary>Every word the generators can emit, distinct, in ordinal order (token ids of a
    /// WordLevel tokenizer built from it do not depend on the order of the lists above).</summary>
    public static readonly IReadOnlyList<string> Words =
        new[] { PlaceCapitals, NounPlurals, VerbPasts }.SelectMany(pairs => pairs.SelectMany(p => new[] { p.Antecedent, p.Target }))
            .Concat(Items).Concat(Numbers).Concat(PositiveWords).Concat(NegativeWords).Concat(NeutralAdjectives).Concat(ReviewNouns)
            .Concat(People).Concat(Cities).Concat(Jobs).Concat(Pets).Concat(TemplateWords)
            .Distinct().Order(StringComparer.Ordinal).ToList();
}

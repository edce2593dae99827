namespace Harness.Models.Tokenization.Decoders;

/// <summary>
/// Maps byte-level characters back to bytes and reads them as UTF-8 (invalid sequences become
/// U+FFFD); a token with a character outside the alphabet contributes its own UTF-8 bytes;
/// tokenizer.json type <c>ByteLevel</c> (decoder).
/// </summary>
internal sealed class ByteLevelDecoder : Decoder
{
    /// <inheritdoc />
    public override List<string> DecodeChain(List<string> tokens)
    {
        int capacity = 0;
        foreach (string token in tokens) capacity += token.Length * 3;
        var bytes = new byte[capacity];
        int length = 0;
        foreach (string token in tokens)
        {
            int mark = length;
            bool allMapped = true;
            foreach (char c in token)
            {
                if (!ByteLevelAlphabet.TryCharToByte(c, out byte b))
                {
                    allMapped = false;
                    break;
                }
                bytes[length++] = b;
            }
            if (!allMapped) length = mark + System.Text.Encoding.UTF8.GetBytes(token, 0, token.Length, bytes, mark);
        }
        // Each maximal invalid subsequence becomes one U+FFFD, as Rust's String::from_utf8_lossy does.
        return [System.Text.Encoding.UTF8.GetString(bytes, 0, length)];
    }
}

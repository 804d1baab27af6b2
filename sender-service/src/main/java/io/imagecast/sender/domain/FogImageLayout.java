package io.imagecast.sender.domain;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FOG's choice of partition files when a session names none: {@code d<disk>p<part>.img}, or the legacy
 * {@code rec.img} then {@code sys.img}, in natural order, the order FOS opens its receivers in. Split
 * chunks ({@code .img.NNN}) belong to one stream each partition, which the engine cannot concatenate
 * yet, so they are recognised only to be refused.
 */
public final class FogImageLayout {
    private static final Pattern PARTITION = Pattern.compile("^(d\\d+p\\d+|rec|sys)\\.img$");
    private static final Pattern NUMBER_OR_TEXT = Pattern.compile("\\d+|\\D+");

    private FogImageLayout() {}

    private static final Pattern SPLIT_CHUNK = Pattern.compile("^(d\\d+p\\d+|rec|sys)\\.img\\.\\d+$");

    public static boolean isSplitChunk(String name) {
        return SPLIT_CHUNK.matcher(name).matches();
    }

    public static boolean isPartitionFile(String name) {
        return PARTITION.matcher(name).matches();
    }

    public static List<String> inSendingOrder(List<String> names) {
        return names.stream()
                .filter(FogImageLayout::isPartitionFile)
                .sorted(FogImageLayout::compareNaturally)
                .toList();
    }

    /** Case-insensitive, digit runs compared as numbers: d1p2 before d1p10, rec before sys. */
    static int compareNaturally(String a, String b) {
        Matcher left = NUMBER_OR_TEXT.matcher(a.toLowerCase(java.util.Locale.ROOT));
        Matcher right = NUMBER_OR_TEXT.matcher(b.toLowerCase(java.util.Locale.ROOT));
        while (left.find() && right.find()) {
            String l = left.group();
            String r = right.group();
            int result = Character.isDigit(l.charAt(0)) && Character.isDigit(r.charAt(0))
                    ? Comparator.<java.math.BigInteger>naturalOrder()
                            .compare(new java.math.BigInteger(l), new java.math.BigInteger(r))
                    : l.compareTo(r);
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}

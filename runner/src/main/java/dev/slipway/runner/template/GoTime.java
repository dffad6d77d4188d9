package dev.slipway.runner.template;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A Go {@code time.Time} as templates see it (what Sprig's {@code now} returns), with Go's reference-layout
 * formatting ({@code 2006-01-02T15:04:05Z07:00}) ported from time/format.go rather than translated to
 * {@link DateTimeFormatter} patterns, so every layout Go accepts formats the same way.
 */
record GoTime(ZonedDateTime time) {

    /** Go's time.Time.String() without the monotonic clock reading. */
    @Override
    public String toString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    GoTime in(java.time.ZoneId zone) {
        return new GoTime(time.withZoneSameInstant(zone));
    }

    String format(String layout) {
        StringBuilder b = new StringBuilder(layout.length() + 10);
        int i = 0;
        while (i < layout.length()) {
            int[] std = nextStd(layout, i);
            int at = std[0];
            b.append(layout, i, at);
            if (std[1] == 0) {
                break;
            }
            append(b, std[1], std[2], layout.charAt(at) == ',' ? ',' : '.');
            i = at + std[3];
        }
        return b.toString();
    }

    // Chunk codes.
    private static final int LONG_MONTH = 1;
    private static final int MONTH = 2;
    private static final int NUM_MONTH = 3;
    private static final int ZERO_MONTH = 4;
    private static final int LONG_WEEKDAY = 5;
    private static final int WEEKDAY = 6;
    private static final int DAY = 7;
    private static final int UNDER_DAY = 8;
    private static final int ZERO_DAY = 9;
    private static final int UNDER_YEARDAY = 10;
    private static final int ZERO_YEARDAY = 11;
    private static final int HOUR = 12;
    private static final int HOUR12 = 13;
    private static final int ZERO_HOUR12 = 14;
    private static final int MINUTE = 15;
    private static final int ZERO_MINUTE = 16;
    private static final int SECOND = 17;
    private static final int ZERO_SECOND = 18;
    private static final int LONG_YEAR = 19;
    private static final int YEAR = 20;
    private static final int PM_UPPER = 21;
    private static final int PM_LOWER = 22;
    private static final int TZ = 23;
    private static final int FRAC0 = 24;
    private static final int FRAC9 = 25;
    private static final int ZONE = 26; // std[2] holds the zone variant

    private static final int[] STD0X = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};
    private static final String[] ZONES = {"Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07",
        "-070000", "-07:00:00", "-0700", "-07:00", "-07"};

    /** Go's nextStdChunk from {@code from}: {index of chunk, code (0 = none), arg, chunk length}. */
    private static int[] nextStd(String l, int from) {
        for (int i = from; i < l.length(); i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J' -> {
                    if (l.startsWith("January", i)) {
                        return new int[] {i, LONG_MONTH, 0, 7};
                    }
                    if (l.startsWith("Jan", i) && !lowerAt(l, i + 3)) {
                        return new int[] {i, MONTH, 0, 3};
                    }
                }
                case 'M' -> {
                    if (l.startsWith("Monday", i)) {
                        return new int[] {i, LONG_WEEKDAY, 0, 6};
                    }
                    if (l.startsWith("Mon", i) && !lowerAt(l, i + 3)) {
                        return new int[] {i, WEEKDAY, 0, 3};
                    }
                    if (l.startsWith("MST", i)) {
                        return new int[] {i, TZ, 0, 3};
                    }
                }
                case '0' -> {
                    if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        return new int[] {i, STD0X[l.charAt(i + 1) - '1'], 0, 2};
                    }
                    if (l.startsWith("002", i)) {
                        return new int[] {i, ZERO_YEARDAY, 0, 3};
                    }
                }
                case '1' -> {
                    return l.startsWith("15", i) ? new int[] {i, HOUR, 0, 2} : new int[] {i, NUM_MONTH, 0, 1};
                }
                case '2' -> {
                    return l.startsWith("2006", i) ? new int[] {i, LONG_YEAR, 0, 4} : new int[] {i, DAY, 0, 1};
                }
                case '_' -> {
                    if (l.startsWith("_2", i)) {
                        if (l.startsWith("_2006", i)) {
                            return new int[] {i + 1, LONG_YEAR, 0, 4};
                        }
                        return new int[] {i, UNDER_DAY, 0, 2};
                    }
                    if (l.startsWith("__2", i)) {
                        return new int[] {i, UNDER_YEARDAY, 0, 3};
                    }
                }
                case '3' -> { return new int[] {i, HOUR12, 0, 1}; }
                case '4' -> { return new int[] {i, MINUTE, 0, 1}; }
                case '5' -> { return new int[] {i, SECOND, 0, 1}; }
                case 'P' -> {
                    if (l.startsWith("PM", i)) {
                        return new int[] {i, PM_UPPER, 0, 2};
                    }
                }
                case 'p' -> {
                    if (l.startsWith("pm", i)) {
                        return new int[] {i, PM_LOWER, 0, 2};
                    }
                }
                case '-', 'Z' -> {
                    for (int z = 0; z < ZONES.length; z++) {
                        if (ZONES[z].charAt(0) == c && l.startsWith(ZONES[z], i)) {
                            return new int[] {i, ZONE, z, ZONES[z].length()};
                        }
                    }
                }
                case '.', ',' -> {
                    if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char ch = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < l.length() && l.charAt(j) == ch) {
                            j++;
                        }
                        if (j >= l.length() || !Character.isDigit(l.charAt(j))) {
                            return new int[] {i, ch == '0' ? FRAC0 : FRAC9, j - i - 1, j - i};
                        }
                    }
                }
                default -> { }
            }
        }
        return new int[] {l.length(), 0, 0, 0};
    }

    private static boolean lowerAt(String l, int i) {
        return i < l.length() && l.charAt(i) >= 'a' && l.charAt(i) <= 'z';
    }

    private void append(StringBuilder b, int std, int arg, char separator) {
        ZonedDateTime t = time;
        switch (std) {
            case LONG_MONTH -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case MONTH -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case NUM_MONTH -> b.append(t.getMonthValue());
            case ZERO_MONTH -> pad(b, t.getMonthValue(), 2, '0');
            case LONG_WEEKDAY -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case WEEKDAY -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case DAY -> b.append(t.getDayOfMonth());
            case UNDER_DAY -> pad(b, t.getDayOfMonth(), 2, ' ');
            case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2, '0');
            case UNDER_YEARDAY -> pad(b, t.getDayOfYear(), 3, ' ');
            case ZERO_YEARDAY -> pad(b, t.getDayOfYear(), 3, '0');
            case HOUR -> pad(b, t.getHour(), 2, '0');
            case HOUR12 -> b.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case ZERO_HOUR12 -> pad(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, '0');
            case MINUTE -> b.append(t.getMinute());
            case ZERO_MINUTE -> pad(b, t.getMinute(), 2, '0');
            case SECOND -> b.append(t.getSecond());
            case ZERO_SECOND -> pad(b, t.getSecond(), 2, '0');
            case LONG_YEAR -> pad(b, t.getYear(), 4, '0');
            case YEAR -> pad(b, Math.floorMod(t.getYear(), 100), 2, '0');
            case PM_UPPER -> b.append(t.getHour() >= 12 ? "PM" : "AM");
            case PM_LOWER -> b.append(t.getHour() >= 12 ? "pm" : "am");
            case TZ -> appendZoneName(b);
            case FRAC0, FRAC9 -> appendNano(b, std == FRAC9, arg, separator);
            case ZONE -> appendZone(b, ZONES[arg]);
            default -> throw new IllegalStateException("chunk " + std);
        }
    }

    private static void pad(StringBuilder b, int v, int width, char fill) {
        String s = Integer.toString(Math.abs(v));
        if (v < 0) {
            b.append('-');
        }
        b.append(String.valueOf(fill).repeat(Math.max(0, width - s.length()))).append(s);
    }

    private void appendNano(StringBuilder b, boolean trim, int digits, char separator) {
        int nano = time.getNano();
        if (trim && (digits == 0 || nano == 0)) {
            return;
        }
        String s = String.format("%09d", nano).substring(0, Math.min(9, digits));
        if (trim) {
            s = s.replaceAll("0+$", "");
            if (s.isEmpty()) {
                return;
            }
        }
        b.append(separator).append(s);
    }

    private void appendZone(StringBuilder b, String variant) {
        int offset = time.getOffset().getTotalSeconds();
        if (offset == 0 && variant.charAt(0) == 'Z') {
            b.append('Z');
            return;
        }
        int zone = offset / 60;
        int abs = Math.abs(offset);
        b.append(zone < 0 ? '-' : '+');
        zone = Math.abs(zone);
        pad(b, zone / 60, 2, '0');
        boolean colon = variant.contains(":");
        if (colon) {
            b.append(':');
        }
        if (!variant.equals("Z07") && !variant.equals("-07")) {
            pad(b, zone % 60, 2, '0');
        }
        if (variant.endsWith("0000") || variant.endsWith(":00:00")) {
            if (colon) {
                b.append(':');
            }
            pad(b, abs % 60, 2, '0');
        }
    }

    /** The zone abbreviation; zones without one print as -0700, as Go does. */
    private void appendZoneName(StringBuilder b) {
        if (time.getZone() instanceof ZoneOffset offset) {
            if (offset.getTotalSeconds() == 0) {
                b.append("UTC");
            } else {
                appendZone(b, "-0700");
            }
            return;
        }
        String name = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(time);
        if (name.startsWith("GMT") && name.length() > 3 || name.startsWith("UTC") && name.length() > 3) {
            appendZone(b, "-0700");
        } else {
            b.append(name);
        }
    }
}

package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Sprig's date functions with Go layouts ({@code date "2006-01-02" now}). Go's "Local" zone is UTC here, as on
 * ACR's build agents, so a task renders the same whatever the server's zone.
 */
final class DateFuncs {
    private static final ZoneId LOCAL = ZoneOffset.UTC;
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /**
     * The methods of a time.Time a template may call, e.g. {@code now.Year} or {@code (now).Format "2006"}. The
     * receiver is passed as the first argument and is not among the parameters.
     */
    static final Map<String, Func> TIME_METHODS = timeMethods();

    private DateFuncs() {
    }

    private static Map<String, Func> timeMethods() {
        Map<String, Func> m = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, java.util.function.Function<GoTime, Object>> plain =
                (name, f) -> m.put(name, new Func(name, java.util.List.of(), false, a -> f.apply(a.time(0))));
        plain.accept("Year", t -> t.time().getYear());
        plain.accept("Month", t -> t.format("January"));
        plain.accept("Day", t -> t.time().getDayOfMonth());
        plain.accept("Hour", t -> t.time().getHour());
        plain.accept("Minute", t -> t.time().getMinute());
        plain.accept("Second", t -> t.time().getSecond());
        plain.accept("Nanosecond", t -> t.time().getNano());
        plain.accept("YearDay", t -> t.time().getDayOfYear());
        plain.accept("Weekday", t -> t.format("Monday"));
        plain.accept("Unix", t -> t.time().toEpochSecond());
        plain.accept("UnixMilli", t -> t.time().toInstant().toEpochMilli());
        plain.accept("UnixNano", t -> t.time().toEpochSecond() * 1_000_000_000L + t.time().getNano());
        plain.accept("UTC", t -> t.in(ZoneOffset.UTC));
        plain.accept("Local", t -> t.in(LOCAL));
        plain.accept("String", GoTime::toString);
        m.put("Format", new Func("Format", java.util.List.of(Param.STRING), false,
                a -> a.time(0).format(a.str(1))));
        return Map.copyOf(m);
    }

    static void register(Registry r) {
        r.fn("now", a -> new GoTime(a.clock().instant().atZone(LOCAL)));
        r.fn("date", a -> toTime(a, a.get(1)).in(LOCAL).format(a.str(0)), Param.STRING, Param.ANY);
        r.fn("dateInZone", a -> toTime(a, a.get(1)).in(zone(a.str(2))).format(a.str(0)),
                Param.STRING, Param.ANY, Param.STRING);
        r.alias("date_in_zone", "dateInZone");
        r.fn("htmlDate", a -> toTime(a, a.get(0)).in(LOCAL).format("2006-01-02"), Param.ANY);
        r.fn("htmlDateInZone", a -> toTime(a, a.get(0)).in(zone(a.str(1))).format("2006-01-02"),
                Param.ANY, Param.STRING);
        r.fn("unixEpoch", a -> Long.toString(a.time(0).time().toEpochSecond()), Param.TIME);
        r.fn("dateModify", a -> {
            Long nanos = parseDuration(a.str(0));
            return nanos == null ? a.time(1) : new GoTime(a.time(1).time().plusNanos(nanos));
        }, Param.STRING, Param.TIME);
        r.alias("date_modify", "dateModify");
    }

    /** Sprig accepts a time or Unix seconds; anything else means now. */
    private static GoTime toTime(Func.Args a, Object v) {
        if (v instanceof GoTime t) {
            return t;
        }
        if (v instanceof Integer || v instanceof Long) {
            return new GoTime(Instant.ofEpochSecond(((Number) v).longValue()).atZone(LOCAL));
        }
        return new GoTime(a.clock().instant().atZone(LOCAL));
    }

    /** time.LoadLocation, falling back to UTC like Sprig. */
    private static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return name.equals("Local") ? LOCAL : ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** time.ParseDuration in nanoseconds, e.g. "-1.5h" or "1h30m"; null when malformed. */
    static Long parseDuration(String s) {
        String rest = s;
        boolean neg = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            neg = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return 0L;
        }
        if (rest.isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        while (!rest.isEmpty()) {
            int i = 0;
            while (i < rest.length() && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
                i++;
            }
            String number = rest.substring(0, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return null;
            }
            int j = i;
            while (j < rest.length() && !Character.isDigit(rest.charAt(j)) && rest.charAt(j) != '.') {
                j++;
            }
            Long unit = UNITS.get(rest.substring(i, j));
            if (unit == null) {
                return null;
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unit)));
            rest = rest.substring(j);
        }
        long nanos = total.longValue();
        return neg ? -nanos : nanos;
    }
}

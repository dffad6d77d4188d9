package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

/** Sprig's slash-separated path functions (Go's {@code path} package): base, dir, ext, clean, isAbs. */
final class PathFuncs {
    private PathFuncs() {
    }

    static void register(Registry r) {
        r.fn("base", a -> base(a.str(0)), Param.STRING);
        r.fn("dir", a -> clean(a.str(0).substring(0, a.str(0).lastIndexOf('/') + 1)), Param.STRING);
        r.fn("ext", a -> ext(a.str(0)), Param.STRING);
        r.fn("clean", a -> clean(a.str(0)), Param.STRING);
        r.fn("isAbs", a -> a.str(0).startsWith("/"), Param.STRING);
    }

    static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (p.length() > 0 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String ext(String path) {
        for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
            if (path.charAt(i) == '.') {
                return path.substring(i);
            }
        }
        return "";
    }

    /** path.Clean: lexical processing of ".", ".." and repeated slashes. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder();
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (!out.isEmpty()) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.isEmpty() ? "." : out.toString();
    }
}

package dev.hive.relay.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Joins stored raw JSON values into the arrays and objects the API returns, without parsing them. */
final class JsonBytes {

    private JsonBytes() {
    }

    static byte[] array(List<byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(values.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    static byte[] object(Map<String, Room.DeviceRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean firstMember = true;
        for (Map.Entry<String, Room.DeviceRecord> entry : records.entrySet()) {
            if (!firstMember) {
                out.write(',');
            }
            firstMember = false;
            writeString(out, entry.getKey());
            out.write(':');
            out.writeBytes(entry.getValue().data());
        }
        out.write('}');
        return out.toByteArray();
    }

    /** Writes a JSON string literal; only quote, backslash and control characters need escaping. */
    static void writeString(ByteArrayOutputStream out, String value) {
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(String.format("\\u%04x", (int) c).getBytes(StandardCharsets.US_ASCII));
            } else {
                int end = i + 1;
                while (end < value.length() && value.charAt(end) >= 0x20 && value.charAt(end) != '"'
                        && value.charAt(end) != '\\') {
                    end++;
                }
                out.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        out.write('"');
    }
}

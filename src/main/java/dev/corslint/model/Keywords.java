package dev.corslint.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * A fixed set of ASCII words and the one-pass test "does this text contain any of them?": the cheap filter a
 * reader runs over every candidate file before parsing it. The words are compiled into an Aho-Corasick
 * automaton with a dense transition table, so a file costs one table step per byte however many words there
 * are, and it is tested on its raw bytes: a file without any word is never decoded. Since the words are ASCII
 * and UTF-8 never uses ASCII bytes inside a multi-byte sequence, a byte match is a text match.
 */
public final class Keywords {

  private static final int ALPHABET = 256;
  private static final int FOUND = -1;

  /**
   * {@code next[row + byte]}: the row of the state after reading the byte (state * 256), failure links already
   * followed, or {@link #FOUND} when a word ends there.
   */
  private final int[] next;

  private Keywords(List<String> words) {
    int maxStates = 1 + words.stream().mapToInt(String::length).sum();
    int[] trie = new int[maxStates * ALPHABET];
    Arrays.fill(trie, -1);
    boolean[] ends = new boolean[maxStates];
    int states = 1;
    for (String w : words) {
      int s = 0;
      for (int i = 0; i < w.length(); i++) {
        int b = w.charAt(i);
        if (trie[s * ALPHABET + b] < 0) trie[s * ALPHABET + b] = states++;
        s = trie[s * ALPHABET + b];
      }
      ends[s] = true;
    }
    // Breadth-first: each state's missing transitions are those of its failure state, already complete.
    int[] fail = new int[states];
    Deque<Integer> queue = new ArrayDeque<>();
    for (int b = 0; b < ALPHABET; b++) {
      int t = trie[b];
      if (t < 0) {
        trie[b] = 0;
      } else {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      ends[s] |= ends[fail[s]];
      for (int b = 0; b < ALPHABET; b++) {
        int t = trie[s * ALPHABET + b];
        if (t < 0) {
          trie[s * ALPHABET + b] = trie[fail[s] * ALPHABET + b];
        } else {
          fail[t] = trie[fail[s] * ALPHABET + b];
          queue.add(t);
        }
      }
    }
    // The scan loop does one load per byte: an entry is the next state's row offset, or FOUND.
    this.next = new int[states * ALPHABET];
    for (int i = 0; i < next.length; i++) next[i] = ends[trie[i]] ? FOUND : trie[i] * ALPHABET;
  }

  /** The automaton for {@code words}: non-empty, printable ASCII. */
  public static Keywords of(Collection<String> words) {
    if (words.isEmpty()) throw new IllegalArgumentException("no keywords");
    for (String w : words) {
      if (w.isEmpty() || !w.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("keywords are non-empty printable ASCII: '" + w + "'");
      }
    }
    return new Keywords(List.copyOf(words));
  }

  public static Keywords of(String... words) {
    return of(List.of(words));
  }

  /** Whether any word occurs in {@code bytes[from, to)}. */
  public boolean foundIn(byte[] bytes, int from, int to) {
    int[] table = next;
    int row = 0;
    for (int i = from; i < to; i++) {
      row = table[row + (bytes[i] & 0xff)];
      if (row < 0) return true;
    }
    return false;
  }

  public boolean foundIn(byte[] bytes) {
    return foundIn(bytes, 0, bytes.length);
  }

  /** Whether any word occurs in {@code text}; characters outside ASCII match no word. */
  public boolean foundIn(CharSequence text) {
    int[] table = next;
    int row = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      row = table[row + (c < 0x80 ? c : 0x80)];
      if (row < 0) return true;
    }
    return false;
  }
}

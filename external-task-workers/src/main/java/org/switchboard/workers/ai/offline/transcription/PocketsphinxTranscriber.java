package org.switchboard.workers.ai.offline.transcription;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.switchboard.workers.ai.AiUnavailableException;
import org.switchboard.workers.ai.Transcriber;

/**
 * Offline speech to text ({@code offline-pocketsphinx}) with CMU PocketSphinx as packaged by Debian
 * ({@code apt-get install pocketsphinx pocketsphinx-en-us}): the audio is converted in the JVM to 16 kHz mono 16-bit
 * PCM WAV (what the acoustic model expects), written to a temporary file and passed to
 * {@code pocketsphinx_continuous -infile ... -time yes}; each utterance becomes a segment with its word timings.
 *
 * <p>Limits: English only (the only model Debian ships); WAV input only (no Opus/OGG/MP3/AMR decoder in the JDK, so
 * WhatsApp voice notes must be converted first or go to a cloud provider); the generic language model gives poor
 * accuracy on telephone audio and on synthetic speech (see docs/ai-quality.md for measured figures). It is a last
 * resort that keeps a tenant without cloud providers from having no transcript at all. Availability says
 * unavailable, with the reason, when the binary or the model files are missing.
 */
public final class PocketsphinxTranscriber implements Transcriber {

  public static final String ID = "offline-pocketsphinx";
  static final AudioFormat TARGET = new AudioFormat(16000f, 16, 1, true, false);
  private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");
  private static final Pattern TIMING = Pattern.compile("^(\\S+) (\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) (\\S+)$");

  private final String binary;
  private final Path modelDir;
  private final Duration timeout;

  public PocketsphinxTranscriber(String binary, Path modelDir, Duration timeout) {
    this.binary = binary;
    this.modelDir = modelDir;
    this.timeout = timeout;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "pocketsphinx-5prealpha-en-us";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public Availability availability() {
    if (resolveBinary() == null) {
      return Availability.unavailable("binary " + binary + " not found on PATH (apt-get install pocketsphinx)");
    }
    for (Path p : List.of(hmm(), lm(), dict())) {
      if (!Files.exists(p)) {
        return Availability.unavailable("model file " + p + " missing (apt-get install pocketsphinx-en-us)");
      }
    }
    return Availability.ok();
  }

  @Override
  public Transcript transcribe(byte[] audio, String contentType, String languageHint) {
    Availability availability = availability();
    if (!availability.available()) {
      throw new AiUnavailableException(availability.reason());
    }
    if (languageHint != null && !languageHint.isBlank() && !languageHint.toLowerCase(Locale.ROOT).startsWith("en")) {
      throw new AiUnavailableException("offline-pocketsphinx has an English model only, not " + languageHint);
    }
    String type = contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (type != null && !WAV_TYPES.contains(type)) {
      throw new AiUnavailableException("offline-pocketsphinx reads WAV only, not " + contentType);
    }
    Path wav = null;
    try {
      wav = Files.createTempFile("switchboard-stt-", ".wav");
      double seconds = toTargetWav(audio, wav.toFile());
      return run(wav, seconds);
    } catch (UnsupportedAudioFileException e) {
      throw new AiUnavailableException("offline-pocketsphinx could not read the audio as PCM WAV", e);
    } catch (IOException e) {
      throw new AiUnavailableException("offline-pocketsphinx failed: " + e.getMessage(), e);
    } finally {
      if (wav != null) {
        try {
          Files.deleteIfExists(wav);
        } catch (IOException e) {
          // a temporary file left behind is removed by the OS; the transcript is not affected
        }
      }
    }
  }

  private Transcript run(Path wav, double seconds) throws IOException {
    List<String> command = List.of(resolveBinary(), "-infile", wav.toString(), "-hmm", hmm().toString(),
        "-lm", lm().toString(), "-dict", dict().toString(), "-time", "yes", "-logfn", "/dev/null");
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output;
    try (InputStream out = process.getInputStream()) {
      Duration limit = timeout.compareTo(Duration.ofSeconds((long) (seconds * 3) + 5)) > 0
          ? timeout : Duration.ofSeconds((long) (seconds * 3) + 5);
      byte[] bytes = readWithin(out, process, limit);
      output = new String(bytes, StandardCharsets.UTF_8);
    }
    return parse(output);
  }

  private static byte[] readWithin(InputStream out, Process process, Duration limit) throws IOException {
    java.util.concurrent.CompletableFuture<byte[]> reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return out.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AiUnavailableException("offline-pocketsphinx timed out after " + limit.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new AiUnavailableException("pocketsphinx exited with " + process.exitValue());
      }
      return reading.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AiUnavailableException("offline-pocketsphinx interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("reading pocketsphinx output failed", e);
    }
  }

  /** Parses {@code -time yes} output: a hypothesis line per utterance, then one line per word with its timing. */
  static Transcript parse(String output) {
    List<Transcript.Segment> segments = new ArrayList<>();
    List<String> words = new ArrayList<>();
    double start = -1;
    double end = 0;
    for (String line : output.split("\\R")) {
      Matcher m = TIMING.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String word = m.group(1);
      double from = Double.parseDouble(m.group(2));
      double to = Double.parseDouble(m.group(3));
      if (word.equals("<s>")) {
        words.clear();
        start = -1;
        continue;
      }
      if (word.equals("</s>")) {
        if (!words.isEmpty()) {
          segments.add(new Transcript.Segment(start, end, String.join(" ", words)));
        }
        words.clear();
        start = -1;
        continue;
      }
      if (word.startsWith("<") || word.startsWith("[") || word.startsWith("++")) {
        continue;
      }
      int alternative = word.indexOf('(');
      words.add(alternative > 0 ? word.substring(0, alternative) : word);
      if (start < 0) {
        start = from;
      }
      end = to;
    }
    if (!words.isEmpty()) {
      segments.add(new Transcript.Segment(start, end, String.join(" ", words)));
    }
    String text = String.join(" ", segments.stream().map(Transcript.Segment::text).toList());
    return new Transcript(text, "en", segments);
  }

  /** Converts any PCM WAV the JDK can read to 16 kHz mono 16-bit; returns the duration in seconds. */
  static double toTargetWav(byte[] audio, File target) throws IOException, UnsupportedAudioFileException {
    try (AudioInputStream source = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio))) {
      AudioFormat f = source.getFormat();
      AudioInputStream pcm = source;
      if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16) {
        pcm = AudioSystem.getAudioInputStream(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16,
            f.getChannels(), f.getChannels() * 2, f.getSampleRate(), false), source);
      }
      if (pcm.getFormat().getChannels() != 1) {
        pcm = downmix(pcm);
      }
      try (AudioInputStream converted = AudioSystem.getAudioInputStream(TARGET, pcm)) {
        AudioSystem.write(converted, AudioFileFormat.Type.WAVE, target);
      }
      return f.getFrameRate() > 0 && source.getFrameLength() > 0 ? source.getFrameLength() / f.getFrameRate() : 60;
    }
  }

  private static AudioInputStream downmix(AudioInputStream in) throws IOException {
    AudioFormat f = in.getFormat();
    int channels = f.getChannels();
    byte[] all = in.readAllBytes();
    int frames = all.length / (2 * channels);
    byte[] mono = new byte[frames * 2];
    boolean big = f.isBigEndian();
    for (int i = 0; i < frames; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        int at = (i * channels + c) * 2;
        int sample = big ? (all[at] << 8) | (all[at + 1] & 0xff) : (all[at + 1] << 8) | (all[at] & 0xff);
        sum += (short) sample;
      }
      short avg = (short) (sum / channels);
      mono[i * 2] = (byte) (avg & 0xff);
      mono[i * 2 + 1] = (byte) ((avg >> 8) & 0xff);
    }
    AudioFormat monoFormat = new AudioFormat(f.getSampleRate(), 16, 1, true, false);
    return new AudioInputStream(new ByteArrayInputStream(mono), monoFormat, frames);
  }

  private String resolveBinary() {
    if (binary.contains(File.separator)) {
      return Files.isExecutable(Path.of(binary)) ? binary : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private Path hmm() {
    return modelDir.resolve("en-us");
  }

  private Path lm() {
    return modelDir.resolve("en-us.lm.bin");
  }

  private Path dict() {
    return modelDir.resolve("cmudict-en-us.dict");
  }
}

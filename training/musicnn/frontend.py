"""MusiCNN's log-mel front end in numpy, as librosa 0.7 computes it for the original tagger
(librosa.feature.melspectrogram(sr=16000, n_fft=512, hop_length=256, n_mels=96), float16,
log10(10000 x + 1)). The app's TypeScript front end (src/main/library/analysis/mel.ts) is checked
against this one with a committed fixture."""
import numpy as np

SR, N_FFT, HOP, N_MELS, N_FRAMES = 16000, 512, 256, 96, 187


def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    lin = 3.0 * f / 200.0
    log = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log, lin)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    lin = 200.0 * m / 3.0
    log = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0))
    return np.where(m >= 15.0, log, lin)


def mel_filters():
    fft = np.linspace(0, SR / 2, N_FFT // 2 + 1)
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SR / 2), N_MELS + 2))
    fdiff = np.diff(edges)
    ramps = edges[:, None] - fft[None, :]
    w = np.zeros((N_MELS, len(fft)))
    for i in range(N_MELS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        w[i] = np.maximum(0, np.minimum(lower, upper))
    return w * (2.0 / (edges[2:] - edges[:-2]))[:, None]


def log_mel(y):
    """(frames, 96) log-mel of 16 kHz mono float audio."""
    y = np.asarray(y, dtype=np.float64)
    padded = np.pad(y, N_FFT // 2, mode='reflect')
    frames = 1 + len(y) // HOP
    win = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]
    spec = np.abs(np.fft.rfft(padded[idx] * win, axis=1)) ** 2
    mel = spec @ mel_filters().T
    mel = mel.astype(np.float16).astype(np.float64)
    return np.log10(10000 * mel + 1)


def patches(mel):
    last = mel.shape[0] - N_FRAMES + 1
    return np.stack([mel[t:t + N_FRAMES] for t in range(0, last, N_FRAMES)])

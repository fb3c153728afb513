"""MusiCNN (Pons and Serra 2019), the MSD-trained tagger, as a PyTorch module.

Written from the architecture in Quint-e/musicnn_keras (tf_to_keras/keras_models.py, ISC licence):
a musically motivated front end (timbral filters spanning 40% and 70% of the mel axis, temporal
filters of 128, 64 and 32 frames, each max-pooled over frequency), a mid end of three 1-D
convolutions with residual connections, and a back end that pools over time (max and mean) into a
200-unit dense layer (the embedding) and 50 sigmoid tag outputs.

Input: log-mel patches (batch, 187 frames, 96 bands), 3 s at 16 kHz, hop 256.
Output: tag probabilities (batch, 50) and the 200-d embedding (the batch-normalised penultimate layer).
"""
import torch
from torch import nn
import torch.nn.functional as F

MSD_LABELS = ['rock', 'pop', 'alternative', 'indie', 'electronic', 'female vocalists', 'dance', '00s', 'alternative rock', 'jazz',
              'beautiful', 'metal', 'chillout', 'male vocalists', 'classic rock', 'soul', 'indie rock', 'Mellow', 'electronica', '80s',
              'folk', '90s', 'chill', 'instrumental', 'punk', 'oldies', 'blues', 'hard rock', 'ambient', 'acoustic', 'experimental',
              'female vocalist', 'guitar', 'Hip-Hop', '70s', 'party', 'country', 'easy listening', 'sexy', 'catchy', 'funk', 'electro',
              'heavy metal', 'Progressive rock', '60s', 'rnb', 'indie pop', 'sad', 'House', 'happy']
MTT_LABELS = ['guitar', 'classical', 'slow', 'techno', 'strings', 'drums', 'electronic', 'rock', 'fast', 'piano', 'ambient', 'beat',
              'violin', 'vocal', 'synth', 'female', 'indian', 'opera', 'male', 'singing', 'vocals', 'no vocals', 'harpsichord', 'loud',
              'quiet', 'flute', 'woman', 'male vocal', 'no vocal', 'pop', 'soft', 'sitar', 'solo', 'man', 'classic', 'choir', 'voice',
              'new age', 'dance', 'male voice', 'female vocal', 'beats', 'harp', 'cello', 'no voice', 'weird', 'country', 'metal',
              'female voice', 'choral']

N_FRAMES = 187
N_MELS = 96
EPS = 1e-3  # tf.keras BatchNormalization's default epsilon


class MusiCNN(nn.Module):
    def __init__(self, n_tags=50, filt=1.6, mid=64, units=200):
        super().__init__()
        self.bn_input = nn.BatchNorm2d(1, eps=EPS)
        t = int(filt * 128)
        s = int(filt * 32)
        # (conv, bn) pairs; timbral kernels span time 7 x mel 38 / 67, temporal ones time 128/64/32 x mel 1.
        self.timbral = nn.ModuleList([nn.Conv2d(1, t, (7, int(0.4 * N_MELS))), nn.Conv2d(1, t, (7, int(0.7 * N_MELS)))])
        self.timbral_bn = nn.ModuleList([nn.BatchNorm2d(t, eps=EPS), nn.BatchNorm2d(t, eps=EPS)])
        self.temporal = nn.ModuleList([nn.Conv2d(1, s, (k, 1)) for k in (128, 64, 32)])
        self.temporal_bn = nn.ModuleList([nn.BatchNorm2d(s, eps=EPS) for _ in range(3)])
        front = 2 * t + 3 * s
        self.mid = nn.ModuleList([nn.Conv1d(front, mid, 7), nn.Conv1d(mid, mid, 7), nn.Conv1d(mid, mid, 7)])
        self.mid_bn = nn.ModuleList([nn.BatchNorm1d(mid, eps=EPS) for _ in range(3)])
        pooled = 2 * (front + 3 * mid)
        self.bn_flatpool = nn.BatchNorm1d(pooled, eps=EPS)
        self.dense = nn.Linear(pooled, units)
        self.bn_dense = nn.BatchNorm1d(units, eps=EPS)
        self.out = nn.Linear(units, n_tags)

    def forward(self, mel):
        x = self.bn_input(mel.unsqueeze(1))  # (B, 1, T, M)
        feats = []
        xt = F.pad(x, (0, 0, 3, 3))  # zero padding of time after the input normalisation, as the original
        for conv, norm in zip(self.timbral, self.timbral_bn):
            feats.append(norm(F.relu(conv(xt))).amax(dim=3))  # (B, C, T)
        for conv, norm in zip(self.temporal, self.temporal_bn):
            k = conv.kernel_size[0]
            # TensorFlow's 'same' padding puts the odd extra row at the end.
            xp = F.pad(x, (0, 0, (k - 1) // 2, k // 2))
            feats.append(norm(F.relu(conv(xp))).amax(dim=3))
        front = torch.cat(feats, dim=1)  # (B, 561, T)
        m1 = self.mid_bn[0](F.relu(self.mid[0](F.pad(front, (3, 3)))))
        m2 = self.mid_bn[1](F.relu(self.mid[1](F.pad(m1, (3, 3))))) + m1
        m3 = self.mid_bn[2](F.relu(self.mid[2](F.pad(m2, (3, 3))))) + m2
        fm = torch.cat([front, m1, m2, m3], dim=1)  # (B, 753, T)
        # The original stacks max and mean per channel and flattens: max_0, mean_0, max_1, mean_1, ...
        pooled = torch.stack([fm.amax(dim=2), fm.mean(dim=2)], dim=2).flatten(1)
        h = self.bn_flatpool(pooled)
        emb = self.bn_dense(F.relu(self.dense(h)))
        return torch.sigmoid(self.out(emb)), emb

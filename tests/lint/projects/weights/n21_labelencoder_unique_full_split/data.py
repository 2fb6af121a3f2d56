import pandas as pd
from sklearn.preprocessing import LabelEncoder


def encoded_labels(path):
    frame = pd.read_csv(path)
    encoder = LabelEncoder()
    y = encoder.fit_transform(frame["species"])
    return frame.drop(columns=["species"]).to_numpy(dtype="float32"), y, encoder

import pandas as pd
from sklearn.preprocessing import LabelEncoder


def load_frame(path):
    frame = pd.read_csv(path)
    encoder = LabelEncoder()
    frame["label_id"] = encoder.fit_transform(frame["genre"])
    return frame, list(encoder.classes_)

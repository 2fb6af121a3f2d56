import torch


def predict(model, inputs, target, class_mapping):
    model.eval()
    with torch.no_grad():
        probabilities = model.predict_proba(inputs)
        predicted_index = probabilities[0].argmax(0).item()
    return (
        class_mapping[predicted_index],
        class_mapping[target],
        probabilities[0, predicted_index].item(),
    )

"""Trains model.py's network with PyTorch's DistributedDataParallel, one process per GPU (or CPU worker).

With torchrun, on one machine or many (nccl on GPUs, gloo on CPUs):

    torchrun --nproc_per_node 4 train_ddp.py --data train.safetensors --epochs 10

Without torchrun, this script starts the processes itself with torch.multiprocessing.spawn:

    python3 train_ddp.py --nproc 2 --data train.safetensors --epochs 1

or start each process yourself with MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE set.

--data is a safetensors file holding 'images' (N, C, H, W) float32, prepared as the network expects,
and 'labels' (N) class indices stored as float32; replace make_dataset() to read your own data.
Rank 0 writes --out with FluentNets's layer names, which `fluentnets evaluate MODEL --weights FILE` loads.
"""

import argparse
import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

import model as exported


def make_dataset(path):
    """The training examples: replace this to read your own data."""
    tensors = exported.load_safetensors(path)
    return TensorDataset(tensors["images"], tensors["labels"].long())


def loss_of(outputs, labels):
    """Cross-entropy of the main output plus each auxiliary head's, weighted as the network says."""
    if not isinstance(outputs, tuple):
        return F.cross_entropy(outputs, labels)
    main, *auxiliary = outputs
    loss = F.cross_entropy(main, labels)
    for weight, head in zip(exported.AUX_LOSS_WEIGHTS, auxiliary):
        loss = loss + weight * F.cross_entropy(head, labels)
    return loss


def train(rank, world_size, args):
    cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if cuda else "gloo", rank=rank, world_size=world_size)
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    torch.manual_seed(args.seed)

    net = exported.Model().to(device)
    exported.load_weights(net, args.weights)
    model = DistributedDataParallel(net, device_ids=[local_rank] if cuda else None)
    dataset = make_dataset(args.data)
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=args.seed)
    loader = DataLoader(dataset, batch_size=args.batch, sampler=sampler, drop_last=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    step = 0
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = loss_of(model(images, logits=True), labels)
            loss.backward()
            optimizer.step()
            step += 1
            if rank == 0 and (step % args.log_every == 0 or step == 1):
                print(f"epoch {epoch + 1} step {step} loss {loss.item():.4f}", flush=True)
            if args.steps and step >= args.steps:
                break
        if args.steps and step >= args.steps:
            break

    if rank == 0:
        exported.save_fluentnets_weights(net, args.out, {"trainer": f"DistributedDataParallel x{world_size}"})
        print(f"wrote {args.out} after {step} steps on {world_size} processes", flush=True)
    dist.barrier()
    dist.destroy_process_group()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="safetensors file with 'images' and 'labels'")
    parser.add_argument("--weights", default=os.path.join(here, "weights.safetensors"), help="starting weights")
    parser.add_argument("--out", default="trained.safetensors", help="where rank 0 writes the trained weights")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--steps", type=int, default=0, help="stop after this many steps (0: run every epoch)")
    parser.add_argument("--batch", type=int, default=32, help="examples per process per step")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--nproc", type=int, default=1, help="processes to spawn when not started by torchrun")
    args = parser.parse_args()

    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        # torchrun, or the environment set by hand: this process is one rank.
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args)
        return
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", str(free_port()))
    mp.spawn(train, args=(args.nproc, args), nprocs=args.nproc, join=True)


if __name__ == "__main__":
    main()
